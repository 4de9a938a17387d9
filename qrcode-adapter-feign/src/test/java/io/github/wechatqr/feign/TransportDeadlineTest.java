package io.github.wechatqr.feign;

import static io.github.wechatqr.testkit.FakeWeChatServer.SHOW_QRCODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.testkit.Await;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.Fault;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.NewThreads;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The read timeout bounds the whole answer, headers and body, on the calling thread; the connect timeout
 * bounds the TCP connect; the same timeout bounds the wait for a pooled connection. Every test is bounded
 * by the {@link Timeout} and by {@link RawServer#MAX_SCRIPT}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TransportDeadlineTest {
  private static final Duration READ_TIMEOUT = Duration.ofMillis(500);
  /** What a cut-off may take past its timeout on a loaded 2-core machine (without the deadline: 10 s). */
  private static final Duration SLACK = Duration.ofMillis(700);
  private static final byte[] IMAGE_HEAD =
      RawServer.ascii("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: 1000\r\n\r\n");

  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");

  private FeignQrCodeGateway gateway(URI base) {
    return FeignQrCodeGateway.builder().appId("wxdeadline0000001").secret(TestGateways.ledgered("deadline-secret-0123456789"))
        .apiBase(base).mpBase(base).clock(clock).tokenMode(TokenMode.CLASSIC)
        .connectTimeout(Duration.ofMillis(300)).readTimeout(READ_TIMEOUT).maxAttempts(1)
        .sleeper(new TestGateways.RecordingSleeper(clock)).build();
  }

  private static long millisSince(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  @Test
  void a_body_trickled_a_byte_per_100_ms_is_cut_off_at_the_read_timeout_on_no_thread_and_never_pooled()
      throws Exception {
    CompletableFuture<Set<Thread>> during = new CompletableFuture<>();
    try (RawServer server = new RawServer((request, out) -> {
          out.write(IMAGE_HEAD);
          out.write(RawServer.ascii("JFIF"));
          out.flush();
          during.complete(Set.copyOf(Thread.getAllStackTraces().keySet())); // the client is reading now
          return RawServer.trickle(out, new byte[1000], Duration.ofMillis(100));
        });
        FeignQrCodeGateway gateway = gateway(server.baseUri())) {
      Set<Thread> ready = Set.copyOf(Thread.getAllStackTraces().keySet()); // the gateway's own threads included
      long start = System.nanoTime();
      assertThatThrownBy(() -> gateway.download(new Ticket("slow")))
          .isExactlyInstanceOf(UpstreamUnavailable.class)
          .hasMessage("GET /cgi-bin/showqrcode: no complete answer in time (attempt 1 of 1)");
      // Per-read socket timeouts alone never fire here (a byte comes every 100 ms): the deadline does.
      assertThat(millisSince(start)).isBetween(READ_TIMEOUT.toMillis(), READ_TIMEOUT.plus(SLACK).toMillis());
      assertThat(server.awaitClientClose(Duration.ofSeconds(5))).as("the client closed the connection").isTrue();
      assertThat(gateway.transport().stats().getLeased()).isZero();
      assertThat(gateway.transport().stats().getAvailable()).as("not returned to the pool").isZero();
      // While the client waited for the body, no thread was at work for it but the caller's.
      assertThat(newThreads(ready, during.get(5, TimeUnit.SECONDS))).extracting(Thread::getName)
          .allSatisfy(name -> assertThat(name).as("a thread started for the exchange").startsWith("raw-server-"));
    }
  }

  @Test
  void headers_trickled_a_byte_per_100_ms_are_cut_off_at_the_read_timeout() throws Exception {
    try (RawServer server = new RawServer((request, out) -> RawServer.trickle(out, IMAGE_HEAD, Duration.ofMillis(100)));
        FeignQrCodeGateway gateway = gateway(server.baseUri())) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> gateway.download(new Ticket("slow")))
          .isExactlyInstanceOf(UpstreamUnavailable.class)
          .hasMessageContaining("no complete answer in time");
      assertThat(millisSince(start)).isBetween(READ_TIMEOUT.toMillis(), READ_TIMEOUT.plus(SLACK).toMillis());
      assertThat(server.awaitClientClose(Duration.ofSeconds(5))).isTrue();
      assertThat(gateway.transport().stats().getAvailable()).isZero();
    }
  }

  @Test
  void an_answer_within_the_read_timeout_leaves_its_connection_to_the_next_call() throws Exception {
    try (RawServer server = new RawServer((request, out) -> RawServer.answer(out, 200, "image/jpeg", new byte[] {1, 2}));
        FeignQrCodeGateway gateway = gateway(server.baseUri())) {
      for (int i = 0; i < 3; i++) {
        assertThat(gateway.download(new Ticket("t" + i)).size()).isEqualTo(2);
      }
      assertThat(server.connections()).as("one connection for all three").isEqualTo(1);
      assertThat(gateway.transport().stats().getAvailable()).isEqualTo(1);
      assertThat(gateway.transport().stats().getLeased()).isZero();
    }
  }

  @Test
  void a_connect_that_gets_no_answer_fails_at_the_connect_timeout() throws Exception {
    // A listener that never accepts: once its backlog is full the kernel drops further SYNs.
    try (ServerSocket deaf = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), deaf.getLocalPort());
      List<Socket> filling = new ArrayList<>();
      boolean full = false;
      try {
        for (int i = 0; i < 16 && !full; i++) {
          Socket socket = new Socket();
          filling.add(socket);
          try {
            socket.connect(address, 200);
          } catch (SocketTimeoutException timedOut) {
            full = true;
          }
        }
        Assumptions.assumeTrue(full, "this kernel accepts connections past a full backlog");
        try (FeignQrCodeGateway gateway = gateway(URI.create("http://127.0.0.1:" + deaf.getLocalPort()))) {
          long start = System.nanoTime();
          assertThatThrownBy(() -> gateway.download(new Ticket("t")))
              .isExactlyInstanceOf(UpstreamUnavailable.class)
              .hasMessage("GET /cgi-bin/showqrcode: no connection within the connect timeout (attempt 1 of 1)");
          assertThat(millisSince(start)).isBetween(300L, 300L + SLACK.toMillis());
        }
      } finally {
        for (Socket socket : filling) {
          socket.close();
        }
      }
    }
  }

  @Test
  void a_call_that_finds_every_connection_busy_waits_for_one_at_most_the_connect_timeout() throws Exception {
    try (FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start();
        FeignQrCodeGateway gateway = TestGateways.against(fake, clock, new TestGateways.RecordingSleeper(clock))
            .connectTimeout(Duration.ofMillis(300)).readTimeout(Duration.ofSeconds(5)).maxConnections(1)
            .maxAttempts(1).build()) {
      Ticket ticket = gateway.issue(QrCodeRequest.temporary(SceneValue.of(1), Duration.ofHours(1))).ticket();
      fake.failNext(SHOW_QRCODE, Fault.delay(Duration.ofSeconds(3)), 1);
      CompletableFuture<Object> holder = CompletableFuture.supplyAsync(() -> gateway.download(ticket),
          NewThreads.named("transport-deadline-test"));
      awaitLeased(gateway, 1);
      long start = System.nanoTime();
      assertThatThrownBy(() -> gateway.download(ticket))
          .isExactlyInstanceOf(UpstreamUnavailable.class)
          .hasMessage("GET /cgi-bin/showqrcode: no pooled connection free within the connect timeout (attempt 1 of 1)");
      assertThat(millisSince(start)).isBetween(300L, 300L + SLACK.toMillis());
      assertThat(holder.get(10, TimeUnit.SECONDS)).isNotNull(); // the slow one still completes
      assertThat(fake.journal().count(SHOW_QRCODE)).isEqualTo(1);
    }
  }

  static void awaitLeased(FeignQrCodeGateway gateway, int leased) {
    Await.until(leased + " pooled connections leased", () -> gateway.transport().stats().getLeased(),
        n -> n == leased, Duration.ofSeconds(5));
  }

  static Set<Thread> newThreads(Set<Thread> before, Set<Thread> now) {
    return now.stream().filter(Thread::isAlive).filter(thread -> !before.contains(thread)).collect(Collectors.toSet());
  }
}
