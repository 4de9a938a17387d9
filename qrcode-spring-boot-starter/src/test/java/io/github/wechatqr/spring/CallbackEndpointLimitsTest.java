package io.github.wechatqr.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.testkit.Callback;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.Push;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The callback endpoint under a real embedded Tomcat with the container settings the README recommends for
 * the callback host: slow clients neither hold the endpoint nor stop valid pushes from being answered in
 * time, and a body declared too large is refused before it is sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = CallbackEndpointLimitsTest.App.class,
    properties = {
        "wechat.qrcode.callback.token=" + CallbackEndpointLimitsTest.CALLBACK_TOKEN,
        "wechat.qrcode.callback.encoding-aes-key=" + CallbackEndpointLimitsTest.AES_KEY,
        // The README's "Callback endpoint limits", as a host sets them:
        "server.tomcat.connection-timeout=2s",
        "server.tomcat.keep-alive-timeout=15s",
        "server.tomcat.max-connections=1000",
        "server.tomcat.accept-count=100",
        "server.tomcat.threads.max=200",
        "server.tomcat.max-swallow-size=0B"})
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CallbackEndpointLimitsTest {
  static final String CALLBACK_TOKEN = "limitsToken7";
  static final String AES_KEY = "kWxPqR7tYu2IoPaSdFgHjKlZxCvBnM1234567890abc";
  private static final FakeWeChatServer FAKE = FakeWeChatServer.start();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private static final Duration HOLD = Duration.ofSeconds(6);
  private static final Duration IN_TIME = Duration.ofSeconds(2);

  @Autowired QrCodeService qrcodes;
  @LocalServerPort int port;

  @DynamicPropertySource
  static void wechat(DynamicPropertyRegistry registry) {
    registry.add("wechat.qrcode.app-id", FAKE::appId);
    registry.add("wechat.qrcode.secret", FAKE::secret);
    registry.add("wechat.qrcode.api-base", () -> FAKE.baseUri().toString());
    registry.add("wechat.qrcode.mp-base", () -> FAKE.baseUri().toString());
  }

  @AfterAll
  static void stopFake() {
    FAKE.close();
  }

  @BeforeEach
  void pushToTheMountedEndpoint() {
    FAKE.callback(Callback.safe(URI.create("http://127.0.0.1:" + port + "/wechat/callback"), CALLBACK_TOKEN, AES_KEY));
  }

  @Test
  void sixteen_slow_clients_do_not_stop_valid_pushes_from_being_answered_in_time() throws Exception {
    ExecutorService slow = Executors.newFixedThreadPool(16);
    try {
      CountDownLatch sent = new CountDownLatch(16);
      List<Future<Ended>> clients = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        clients.add(slow.submit(() -> partialHeaders(sent)));
        clients.add(slow.submit(() -> tricklingBody(sent)));
      }
      assertThat(sent.await(5, TimeUnit.SECONDS)).as("16 slow clients connected").isTrue();

      List<Long> answeredMillis = new ArrayList<>();
      long until = System.nanoTime() + HOLD.toNanos();
      for (int i = 0; System.nanoTime() < until && i < 40; i++) {
        QrCode code = qrcodes.temporary(SceneValue.of("slow-" + i), Duration.ofMinutes(10));
        Push push = FAKE.push(code.ticket(), "openid-" + i);
        long start = System.nanoTime();
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(push.target()).timeout(IN_TIME)
            .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(push.body())).build(),
            HttpResponse.BodyHandlers.ofString());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("success");
        assertThat(millis).isLessThan(IN_TIME.toMillis());
        answeredMillis.add(millis);
        Thread.sleep(200); // pacing only: pushes are spread over the slow clients' hold
      }

      assertThat(answeredMillis).hasSizeGreaterThanOrEqualTo(10);
      for (Future<Ended> client : clients) {
        Ended ended = client.get(10, TimeUnit.SECONDS);
        // The server let go of every slow client well before it meant to let go: within the container's
        // read timeout (headers) or the endpoint's body deadline plus one read.
        assertThat(ended.byServer()).as("%s ended by the server", ended).isTrue();
        assertThat(ended.closed()).as("%s", ended).isLessThan(Duration.ofMillis(4500));
        if (ended.kind().equals("body")) {
          assertThat(ended.status()).as("%s", ended).isEqualTo("408");
          assertThat(ended.answered()).as("%s", ended).isLessThan(Duration.ofMillis(3000));
        }
      }
    } finally {
      slow.shutdownNow();
    }
  }

  @Test
  void a_body_that_trickles_past_the_deadline_is_answered_408_and_the_connection_closed() throws Exception {
    Ended ended = tricklingBody(new CountDownLatch(1));

    assertThat(ended.status()).isEqualTo("408");
    assertThat(ended.response()).containsIgnoringCase("connection: close").endsWith("body not received within 2000 ms");
    assertThat(ended.answered()).isBetween(CallbackEndpoint.BODY_DEADLINE, Duration.ofMillis(3000));
    // With max-swallow-size 0 Tomcat drains no more of the body: the next byte closes the connection.
    assertThat(ended.closed().minus(ended.answered())).isLessThan(Duration.ofMillis(1500));
  }

  @Test
  void a_request_declaring_40_mb_is_answered_413_at_once_without_its_body() throws Exception {
    try (Socket socket = connect()) {
      long start = System.nanoTime();
      OutputStream out = socket.getOutputStream();
      out.write(("POST /wechat/callback?signature=0&timestamp=0&nonce=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: text/xml\r\nContent-Length: " + 40L * 1024 * 1024 + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();

      InputStream in = socket.getInputStream();
      int first = in.read();
      Duration firstByte = Duration.ofNanos(System.nanoTime() - start);
      String response = (char) first + readToEnd(in);
      Duration after = Duration.ofNanos(System.nanoTime() - start);

      assertThat(response).startsWith("HTTP/1.1 413");
      assertThat(response).containsIgnoringCase("connection: close") // Tomcat's own, after a 413
          .endsWith("body too large: more than 65536 bytes");
      assertThat(firstByte).as("answered before a byte of the body").isLessThan(Duration.ofSeconds(1));
      // The client sends nothing more: Tomcat gives up the connection after one read timeout (2 s).
      assertThat(after).isLessThan(Duration.ofMillis(3500));
    }
  }

  /** How a slow client's connection ended. */
  record Ended(String kind, boolean byServer, Duration answered, Duration closed, String status, String response) {}

  /** Sends a request line and one header, then nothing, for {@link #HOLD}. */
  private Ended partialHeaders(CountDownLatch sent) throws IOException {
    try (Socket socket = connect()) {
      socket.getOutputStream().write("POST /wechat/callback HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      long start = System.nanoTime();
      sent.countDown();
      socket.setSoTimeout((int) HOLD.toMillis());
      try {
        String response = readToEnd(socket.getInputStream());
        return new Ended("headers", true, since(start), since(start), status(response), response);
      } catch (SocketTimeoutException e) {
        return new Ended("headers", false, HOLD, HOLD, null, "");
      } catch (IOException reset) {
        return new Ended("headers", true, since(start), since(start), null, "");
      }
    }
  }

  /**
   * Sends complete headers declaring 1,000 bytes, then one byte every 500 ms, for at most {@link #HOLD}, until
   * answered; then waits for the server to close the connection.
   */
  private Ended tricklingBody(CountDownLatch sent) throws IOException, InterruptedException {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(("POST /wechat/callback?signature=0&timestamp=0&nonce=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: text/xml\r\nContent-Length: 1000\r\n\r\n<").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      sent.countDown();
      for (int tick = 1; System.nanoTime() - start < HOLD.toNanos() && in.available() == 0; tick++) {
        Thread.sleep(50); // polls for the answer every 50 ms, sends a byte every 500 ms
        if (tick % 10 == 0) {
          try {
            out.write('x');
            out.flush();
          } catch (IOException closed) {
            return new Ended("body", true, since(start), since(start), null, "");
          }
        }
      }
      if (in.available() == 0) {
        return new Ended("body", false, HOLD, HOLD, null, "");
      }
      String response = readResponse(in);
      Duration answered = since(start);
      return new Ended("body", true, answered, closed(socket, start), status(response), response);
    }
  }

  /**
   * Keeps trickling a byte every 500 ms after the answer, as an attacker would.
   *
   * @return when the server closed the connection, or {@link #HOLD} if it did not within 4 s
   */
  private static Duration closed(Socket socket, long start) throws IOException {
    socket.setSoTimeout(500);
    long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
    try {
      while (System.nanoTime() < until) {
        try {
          if (socket.getInputStream().read() < 0) {
            return since(start);
          }
        } catch (SocketTimeoutException e) {
          socket.getOutputStream().write('x');
          socket.getOutputStream().flush();
        }
      }
      return HOLD;
    } catch (IOException reset) {
      return since(start);
    }
  }

  /** @return the status line, headers and body of one response, read by its Content-Length */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      head.write(c);
    }
    String headers = head.toString(StandardCharsets.US_ASCII);
    int length = headers.lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
        .map(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElse(0);
    return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
    socket.setSoTimeout(5000);
    return socket;
  }

  private static String readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    in.transferTo(bytes);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String status(String response) {
    return response.startsWith("HTTP/1.1 ") && response.length() >= 12 ? response.substring(9, 12) : null;
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}
}
