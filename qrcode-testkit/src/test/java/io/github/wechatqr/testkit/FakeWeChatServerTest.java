package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

class FakeWeChatServerTest {

  private static List<String> workerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("fake-wechat-") && t.isAlive()).map(Thread::getName).sorted().toList();
  }

  /** A worker may outlive its pool's termination by a moment. */
  private static void awaitNoWorkerThreads() {
    Await.until("every fake-wechat worker thread to exit", FakeWeChatServerTest::workerThreads, List::isEmpty,
        Duration.ofSeconds(5));
  }

  @Test
  void it_starts_on_loopback_in_well_under_300_ms() {
    FakeWeChatServer.start().close(); // warm the JVM's class loading once; the figure is for a running JVM
    long started = System.nanoTime();
    try (FakeWeChatServer fake = FakeWeChatServer.start()) {
      long elapsed = System.nanoTime() - started;
      assertThat(Duration.ofNanos(elapsed)).isLessThan(Duration.ofMillis(300));
      assertThat(fake.baseUri().toString()).isEqualTo("http://127.0.0.1:" + fake.port());
    }
  }

  @Test
  void it_serves_500_creates_from_8_threads_without_an_error() throws Exception {
    try (FakeWeChatServer fake = FakeWeChatServer.start()) {
      WeChatClient client = new WeChatClient(fake);
      String token = client.token(fake);
      AtomicInteger errors = new AtomicInteger();
      Callers<Integer> callers = new Callers<Integer>().start(8, t -> () -> {
        for (int i = 0; i < 500 / 8 + (t < 500 % 8 ? 1 : 0); i++) {
          if (!client.create(token, WeChatClient.temporaryId(t * 1000 + i + 1, 60)).has("ticket")) {
            errors.incrementAndGet();
          }
        }
        return t;
      });
      callers.results();
      assertThat(errors).hasValue(0);
      assertThat(fake.journal().count(FakeWeChatServer.CREATE)).isEqualTo(500);
    }
  }

  @Test
  void closing_stops_every_worker_thread() throws Exception {
    FakeWeChatServer fake = FakeWeChatServer.start();
    WeChatClient client = new WeChatClient(fake);
    for (int i = 0; i < 20; i++) {
      client.token(fake);
    }
    assertThat(workerThreads()).isNotEmpty();
    fake.close();
    awaitNoWorkerThreads();
  }

  @Test
  void closing_interrupts_a_delayed_answer() throws Exception {
    FakeWeChatServer fake = FakeWeChatServer.start();
    fake.failNext(FakeWeChatServer.TOKEN, Fault.delay(Duration.ofMinutes(5)), 1);
    CompletableFuture<Integer> pending = CompletableFuture.supplyAsync(() -> {
      try {
        return new WeChatClient(fake).get(FakeWeChatServer.TOKEN).statusCode();
      } catch (Exception e) {
        return -1;
      }
    }, NewThreads.named("fake-we-chat-server-test"));
    Await.until("the delayed token call to arrive", () -> fake.journal().inFlight(FakeWeChatServer.TOKEN),
        n -> n == 1, Duration.ofSeconds(10));
    fake.close();
    awaitNoWorkerThreads();
    assertThat(pending.get(10, TimeUnit.SECONDS)).isNotEqualTo(200);
  }

  @Test
  void main_prints_where_it_listens_and_the_credentials_to_use() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Thread serving = new Thread(() -> {
      try {
        FakeWeChatServer.main(new String[] {"--appid", "wxmain", "--secret", "s3cret"});
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      }
    });
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      serving.start();
      Await.until("main to print the credentials", () -> printed.toString(StandardCharsets.UTF_8),
          out -> out.contains("secret"), Duration.ofSeconds(10));
    } finally {
      System.setOut(original);
      serving.interrupt();
      serving.join(5_000);
    }
    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(output).matches("(?s)listening on http://127\\.0\\.0\\.1:\\d+\\R.*appid wxmain secret s3cret\\R");
  }

  @Test
  @ExtendWith(FakeWeChatExtension.class)
  void the_junit_extension_injects_a_running_server_and_its_clock(FakeWeChatServer fake, MutableClock clock)
      throws Exception {
    String token = new WeChatClient(fake).token(fake);
    clock.advance(Duration.ofHours(3));
    assertThat(new WeChatClient(fake).create(token, WeChatClient.temporaryId(1, 60)).get("errcode").asInt())
        .isEqualTo(42001);
  }
}
