package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.NewThreads;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, point 1, limit by limit, with small limits so each shows in well under a second: the deadline
 * of a request, the bound on connections, the bound on complete requests waiting for a worker, and that no
 * connection outlives its answer.
 */
class CallbackServerLimitsTest {
  private static final Duration DEADLINE = Duration.ofMillis(400);
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final Recorder recorder = new Recorder();
  private final AtomicInteger pushes = new AtomicInteger();
  private final InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  private WeChatCallbackHandler handler(ScanListener listener) {
    return WeChatCallbackHandler.builder().token(SignedRequest.TOKEN).clock(clock)
        .resolver(new QrCodeService(new InMemoryQrCodeGateway(clock), new InMemoryQrCodeStore(clock), clock))
        .scanListener(listener).build();
  }

  private CallbackServer start(ScanListener listener, int threads, int connections, int queued) {
    return CallbackServer.start(loopback, "/wechat", handler(listener), threads,
        new CallbackServer.Limits(DEADLINE, connections, queued, 8 * 1024));
  }

  private byte[] push() {
    int n = pushes.incrementAndGet();
    SignedRequest push = SignedRequest.plain(clock,
        SignedRequest.scanXml("SCAN", Integer.toString(n), "t", clock.instant().getEpochSecond(), "o_" + n));
    return RawHttp.request("POST", "/wechat?" + RawHttp.query(push.query()), push.body());
  }

  /** Waits, bounded, for a condition another thread brings about. */
  private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(1); // polling a condition, not waiting for a race to settle
    }
    return true;
  }

  @Test
  void a_connection_that_sends_nothing_or_trickles_headers_is_closed_at_its_deadline() throws Exception {
    try (CallbackServer server = start(recorder, 1, 16, 4)) {
      for (String trickle : new String[] {"", "POST /wechat?timestamp=1 HTTP/1.1\r\nHost: x\r\nX-A: b\r\n"}) {
        try (Socket socket = RawHttp.connect(server.url())) {
          socket.setSoTimeout(5_000);
          long start = System.nanoTime();
          OutputStream out = socket.getOutputStream();
          InputStream in = socket.getInputStream();
          int sent = 0;
          // One byte every 20 ms: each is activity an idle timeout would count; the deadline does not.
          while (sent < trickle.length() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3)) {
            try {
              out.write(trickle.charAt(sent++));
              out.flush();
            } catch (java.io.IOException closed) {
              break;
            }
            Thread.sleep(20); // the attack's pace
            if (in.available() > 0) {
              break;
            }
          }
          int read;
          try {
            read = in.read();
          } catch (java.io.IOException reset) {
            read = -1;
          }
          long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
          assertThat(read).as("closed, nothing answered").isEqualTo(-1);
          assertThat(millis).as("closed after, ms").isBetween(DEADLINE.toMillis() - 50, 3_000L);
        }
      }
    }
  }

  @Test
  void connections_beyond_the_limit_wait_to_be_accepted_until_the_deadline_frees_a_place() throws Exception {
    List<Socket> idle = new ArrayList<>();
    try (CallbackServer server = start(recorder, 1, 4, 4)) {
      for (int i = 0; i < 4; i++) {
        idle.add(RawHttp.connect(server.url()));
      }
      long start = System.nanoTime();
      RawHttp.Answer answer = RawHttp.exchange(server.url(), push());
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(answer.status()).isEqualTo(200);
      // Served only once the four idle connections were ended by their deadline.
      assertThat(millis).as("waited, ms").isGreaterThanOrEqualTo(DEADLINE.toMillis() / 2);
      for (Socket socket : idle) {
        socket.setSoTimeout(3_000);
        assertThat(socket.getInputStream().read()).isEqualTo(-1);
      }
    } finally {
      for (Socket socket : idle) {
        socket.close();
      }
    }
  }

  @Test
  void complete_requests_beyond_the_queue_are_answered_503_at_once_and_the_others_served() throws Exception {
    Gate gate = new Gate(recorder);
    try (CallbackServer server = start(gate, 1, 16, 2)) {
      CompletableFuture<RawHttp.Answer> inListener = CompletableFuture.supplyAsync(() -> exchange(server, push()),
          NewThreads.named("callback-server-limits-test"));
      assertThat(gate.awaitEntered()).isTrue();
      List<CompletableFuture<RawHttp.Answer>> queued = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        byte[] request = push();
        queued.add(CompletableFuture.supplyAsync(() -> exchange(server, request),
            NewThreads.named("callback-server-limits-test")));
      }
      assertThat(eventually(() -> server.queuedRequests() == 2)).as("two requests queued").isTrue();

      long start = System.nanoTime();
      RawHttp.Answer refused = RawHttp.exchange(server.url(), push());
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.body()).isEqualTo(CallbackRequests.BUSY.body());
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);

      gate.open();
      assertThat(inListener.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
      for (CompletableFuture<RawHttp.Answer> answer : queued) {
        assertThat(answer.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
      }
    }
    assertThat(recorder.scans).hasSize(3);
  }

  @Test
  void a_listener_slower_than_the_deadline_still_gets_its_answer_out() throws Exception {
    // The deadline is for the request to arrive; once it has, the listener may take its time (WeChat
    // waits 5 s), and Jetty's idle timeout, as short as the deadline, does not cut the answer off.
    ScanListener slow = scan -> {
      try {
        Thread.sleep(3 * DEADLINE.toMillis()); // a listener that is slow, not a race
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      recorder.onScan(scan);
    };
    try (CallbackServer server = start(slow, 1, 16, 4)) {
      long start = System.nanoTime();
      RawHttp.Answer answer = RawHttp.exchange(server.url(), push());
      assertThat(answer.status()).isEqualTo(200);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(millis).isGreaterThanOrEqualTo(3 * DEADLINE.toMillis());
    }
    assertThat(recorder.scans).hasSize(1);
  }

  @Test
  void no_connection_is_kept_alive_after_its_answer() throws Exception {
    try (CallbackServer server = start(recorder, 1, 16, 4);
         Socket socket = RawHttp.connect(server.url())) {
      socket.setSoTimeout(3_000);
      String request = new String(push(), StandardCharsets.ISO_8859_1)
          .replace("Connection: close", "Connection: keep-alive");
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      RawHttp.Answer answer = RawHttp.read(socket.getInputStream());
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.head()).containsIgnoringCase("Connection: close");
      assertThat(answer.closed()).isTrue();
    }
  }

  private static RawHttp.Answer exchange(CallbackServer server, byte[] request) {
    try {
      return RawHttp.exchange(server.url(), request);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
