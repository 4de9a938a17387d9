package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.NewThreads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, point 1: clients that hold connections without finishing a request (slowloris), and a body
 * declared far over the limit, against the standalone {@link CallbackServer} with the 8 worker threads of
 * the README's example. Real sockets on 127.0.0.1; the attack is paced by a scheduler, the pushes are
 * sequential, every wait is bounded.
 */
class SlowClientsTest {
  private static final int SLOW_CONNECTIONS = 32;
  private static final long ATTACK_MILLIS = 10_000;
  private final Clock clock = Clock.systemUTC();
  private final Recorder recorder = new Recorder();
  private final WeChatCallbackHandler handler = WeChatCallbackHandler.builder().token(SignedRequest.TOKEN)
      .encodingAesKey(SignedRequest.AES_KEY, SignedRequest.APP_ID).clock(clock)
      .resolver(new QrCodeService(new InMemoryQrCodeGateway(clock), new InMemoryQrCodeStore(clock), clock))
      .scanListener(recorder).build();
  private final Set<Thread> before = Thread.getAllStackTraces().keySet();
  private final CallbackServer server =
      CallbackServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "/wechat", handler, 8);
  private final AtomicInteger pushes = new AtomicInteger();

  @AfterEach
  void close() {
    server.close();
  }

  /** A valid scan push in safe mode, each from another user, as raw bytes. */
  private byte[] validPush() {
    int n = pushes.incrementAndGet();
    String xml = SignedRequest.scanXml("SCAN", Integer.toString(n), "t" + n, clock.instant().getEpochSecond(),
        "o_user_" + n);
    SignedRequest push = SignedRequest.safe(clock, xml);
    return RawHttp.request("POST", "/wechat?" + RawHttp.query(push.query()), push.body());
  }

  @Test
  void thirty_two_slow_connections_held_for_ten_seconds_delay_no_valid_push_past_two_seconds() throws Exception {
    URI url = server.url();
    SlowLoris attack = new SlowLoris(url, SLOW_CONNECTIONS);
    List<Long> latencies = new ArrayList<>();
    List<Integer> statuses = new ArrayList<>();
    try {
      attack.start();
      assertThat(attack.awaitAllConnected()).as("all slow connections open").isTrue();
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ATTACK_MILLIS);
      while (System.nanoTime() < end) {
        long start = System.nanoTime();
        RawHttp.Answer answer = RawHttp.exchange(url, validPush());
        latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        statuses.add(answer.status());
      }
    } finally {
      attack.stop();
    }
    long max = latencies.stream().mapToLong(Long::longValue).max().orElse(-1);
    System.out.printf("slowloris: %d slow connections (%d cut by the server, %d reopened), %d valid pushes,"
        + " max latency %d ms, statuses %s%n", SLOW_CONNECTIONS, attack.cut.get(), attack.reopened.get(),
        latencies.size(), max, statuses.stream().distinct().toList());
    assertThat(statuses).as("answers to the valid pushes").isNotEmpty().containsOnly(200);
    assertThat(max).as("slowest valid push, ms").isLessThan(2_000);
    assertThat(recorder.scans).hasSize(latencies.size());
    // The deadline, not the attacker, ended the slow connections: each was cut at least once.
    assertThat(attack.cut.get()).as("slow connections cut by the server").isGreaterThanOrEqualTo(SLOW_CONNECTIONS);

    server.close();
    assertThat(threadsLeftBehind()).as("threads of the server alive after close()").isEmpty();
  }

  @Test
  void a_body_declared_at_40_mb_is_refused_with_413_and_the_connection_cut_without_reading_it() throws Exception {
    SignedRequest push = SignedRequest.safe(clock, SignedRequest.scanXml("SCAN", "1", "t", 1, "o"));
    String head = "POST /wechat?" + RawHttp.query(push.query()) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: text/xml\r\nContent-Length: " + 40 * 1024 * 1024 + "\r\n\r\n";
    try (Socket socket = RawHttp.connect(server.url())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      long start = System.nanoTime();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // 1 MB of the 40 declared, from another thread: the server may stop reading (and this write block) at any time.
      CompletableFuture<Void> body = CompletableFuture.runAsync(() -> {
        try {
          out.write(new byte[1024 * 1024]);
          out.flush();
        } catch (IOException expected) {
          // the server closed the connection
        }
      }, NewThreads.named("slow-clients-test"));
      RawHttp.Answer answer = RawHttp.read(socket.getInputStream());
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      System.out.printf("40 MB declared, 1 MB sent: %d, connection closed %s, after %d ms%n", answer.status(),
          answer.closed(), millis);
      assertThat(answer.status()).isEqualTo(413);
      assertThat(answer.closed()).as("connection closed by the server").isTrue();
      assertThat(millis).isLessThan(3_000);
      body.get(5, TimeUnit.SECONDS);
    }
    assertThat(recorder.calls).hasValue(0);
  }

  /** Threads started since the test began that are still alive after close(), each given up to 5 s to end. */
  private List<String> threadsLeftBehind() throws InterruptedException {
    List<String> alive = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (!before.contains(thread) && thread.getName().startsWith("wechat-callback")) {
        thread.join(5_000);
        if (thread.isAlive()) {
          alive.add(thread.getName());
        }
      }
    }
    return alive;
  }

  /**
   * Slow connections of three kinds, kept open for as long as the attack runs: some send nothing, some
   * the request line and headers one byte per tick, some whole headers then the body one byte per tick.
   * Whenever the server closes one, it is opened again at the next tick.
   */
  private static final class SlowLoris {
    private static final long TICK_MILLIS = 100;
    private final URI url;
    private final SocketChannel[] channels;
    private final int[] sent;
    private final byte[][] scripts;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "slowloris");
      thread.setDaemon(true);
      return thread;
    });
    private final CompletableFuture<Void> allConnected = new CompletableFuture<>();
    final AtomicInteger cut = new AtomicInteger();
    final AtomicInteger reopened = new AtomicInteger();

    SlowLoris(URI url, int connections) {
      this.url = url;
      this.channels = new SocketChannel[connections];
      this.sent = new int[connections];
      this.scripts = new byte[connections][];
      String target = "/wechat?timestamp=" + "1".repeat(200) + "&nonce=2&signature=3";
      for (int i = 0; i < connections; i++) {
        scripts[i] = switch (i % 3) {
          case 0 -> new byte[0];
          case 1 -> ("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "X-Slow: x\r\n".repeat(50))
              .getBytes(StandardCharsets.US_ASCII);
          default -> ("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n"
              + "<".repeat(1000)).getBytes(StandardCharsets.US_ASCII);
        };
      }
    }

    void start() {
      ticker.scheduleWithFixedDelay(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    boolean awaitAllConnected() throws Exception {
      allConnected.get(10, TimeUnit.SECONDS);
      return true;
    }

    private void tick() {
      int open = 0;
      for (int i = 0; i < channels.length; i++) {
        try {
          if (channels[i] == null) {
            channels[i] = SocketChannel.open(new InetSocketAddress("127.0.0.1", url.getPort()));
            channels[i].configureBlocking(false);
            sent[i] = i % 3 == 2 ? scripts[i].length - 1000 : 0; // the third kind sends its headers at once
            if (sent[i] > 0) {
              channels[i].write(ByteBuffer.wrap(scripts[i], 0, sent[i]));
            }
          } else if (closedByServer(channels[i])) {
            cut.incrementAndGet();
            reopen(i);
            continue;
          } else if (sent[i] < scripts[i].length) {
            channels[i].write(ByteBuffer.wrap(scripts[i], sent[i], 1));
            sent[i]++;
          }
          open++;
        } catch (IOException e) {
          cut.incrementAndGet();
          reopen(i);
        }
      }
      if (open == channels.length) {
        allConnected.complete(null);
      }
    }

    private static boolean closedByServer(SocketChannel channel) throws IOException {
      ByteBuffer buffer = ByteBuffer.allocate(4096);
      int read;
      while ((read = channel.read(buffer)) > 0) {
        buffer.clear(); // an answer (408, 400 ...) is read and dropped
      }
      return read < 0;
    }

    private void reopen(int i) {
      closeQuietly(channels[i]);
      channels[i] = null;
      reopened.incrementAndGet();
    }

    void stop() throws InterruptedException {
      ticker.shutdownNow();
      ticker.awaitTermination(5, TimeUnit.SECONDS);
      for (SocketChannel channel : channels) {
        closeQuietly(channel);
      }
    }

    private static void closeQuietly(SocketChannel channel) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }
  }
}
