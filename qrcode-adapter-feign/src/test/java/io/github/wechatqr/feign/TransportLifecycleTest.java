package io.github.wechatqr.feign;

import static io.github.wechatqr.testkit.FakeWeChatServer.SHOW_QRCODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.testkit.Await;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.Fault;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.QrImages;
import io.github.wechatqr.testkit.NewThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pool: sized by {@code maxConnections}, idle connections evicted, and {@code close()} ends every
 * connection and every thread the gateway started.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TransportLifecycleTest {
  private static final QrCodeRequest REQUEST = QrCodeRequest.temporary(SceneValue.of(3), Duration.ofHours(1));

  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start();

  @BeforeAll
  static void warmUp() {
    QrImages.jpeg("http://weixin.qq.com/q/warm-up"); // ImageIO starts threads of its own on first use
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private FeignQrCodeGatewayBuilder gateway() {
    return TestGateways.against(fake, clock, new TestGateways.RecordingSleeper(clock));
  }

  @Test
  void close_ends_every_thread_the_gateway_started_and_every_connection() throws Exception {
    Ticket warm;
    try (FeignQrCodeGateway first = gateway().build()) {
      warm = first.issue(REQUEST).ticket();
      first.download(warm); // the fake's worker threads and the JDK's own are started before the census
    }
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    FeignQrCodeGateway gateway = gateway().build();
    Ticket ticket = gateway.issue(REQUEST).ticket();
    gateway.download(ticket);
    assertThat(started(before)).extracting(Thread::getName).as("HttpClient's idle-connection evictor")
        .singleElement().asString().startsWith("idle-connection-evictor");
    assertThat(gateway.transport().stats().getAvailable()).isPositive();

    gateway.close();

    assertThat(started(before)).as("threads started by the gateway and still alive").isEmpty();
    assertThat(gateway.transport().pool.isClosed()).isTrue();
    assertThat(gateway.transport().stats().getAvailable()).isZero();
    assertThatThrownBy(() -> gateway.download(ticket)).isInstanceOf(UpstreamUnavailable.class)
        .hasMessage("the gateway is closed");
    gateway.close(); // idempotent
  }

  @Test
  void close_cuts_off_a_call_under_way_at_once() throws Exception {
    FeignQrCodeGateway gateway = gateway().readTimeout(Duration.ofSeconds(10)).maxAttempts(1).build();
    Ticket ticket = gateway.issue(REQUEST).ticket();
    fake.failNext(SHOW_QRCODE, Fault.delay(Duration.ofSeconds(8)), 1);
    CompletableFuture<QrImage> slow = CompletableFuture.supplyAsync(() -> gateway.download(ticket),
        NewThreads.named("transport-lifecycle-test"));
    TransportDeadlineTest.awaitLeased(gateway, 1);
    long start = System.nanoTime();
    gateway.close();
    assertThatThrownBy(() -> slow.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(UpstreamUnavailable.class);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2000);
  }

  @Test
  void no_more_connections_than_max_connections_are_opened_however_many_call_at_once() throws Exception {
    int threads = 12;
    ExecutorService callers = Executors.newFixedThreadPool(threads);
    try (RawServer server = new RawServer((request, out) -> {
          Thread.sleep(50);
          return RawServer.answer(out, 200, "image/jpeg", new byte[] {1, 2, 3});
        });
        FeignQrCodeGateway gateway = gateway().mpBase(server.baseUri()).maxConnections(3)
            .connectTimeout(Duration.ofSeconds(5)).build()) {
      List<Callable<QrImage>> calls = new ArrayList<>();
      for (int i = 0; i < threads * 3; i++) {
        Ticket ticket = new Ticket("t" + i);
        calls.add(() -> gateway.download(ticket));
      }
      for (Future<QrImage> image : callers.invokeAll(calls, 20, TimeUnit.SECONDS)) {
        assertThat(image.get().size()).isEqualTo(3);
      }
      assertThat(server.mostOpen()).as("connections open at once").isEqualTo(3);
      assertThat(server.connections()).as("connections opened in all").isEqualTo(3);
      assertThat(gateway.transport().stats().getMax()).isEqualTo(3);
      assertThat(gateway.transport().pool.getDefaultMaxPerRoute()).isEqualTo(3);
      assertThat(gateway.transport().stats().getLeased()).isZero();
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void a_connection_idle_past_the_idle_timeout_is_closed_by_the_evictor() throws Exception {
    try (FeignQrCodeGateway gateway = gateway().idleTimeout(Duration.ofSeconds(1)).build()) {
      gateway.download(gateway.issue(REQUEST).ticket());
      assertThat(gateway.transport().stats().getAvailable()).isEqualTo(1);
      Await.until("the idle connection to be evicted", () -> gateway.transport().stats().getAvailable(),
          available -> available == 0, Duration.ofSeconds(10));
      gateway.download(gateway.issue(REQUEST).ticket()); // and a new one is opened when needed
    }
  }

  @Test
  void max_connections_is_checked_at_once() {
    assertThatThrownBy(() -> FeignQrCodeGateway.builder().maxConnections(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxConnections must be in 1..1024, was 0");
    assertThatThrownBy(() -> FeignQrCodeGateway.builder().maxConnections(1025))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<Thread> started(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(thread -> !before.contains(thread))
        .filter(thread -> !thread.getName().startsWith("fake-wechat-")) // the fake's, started on demand
        .toList();
  }
}
