package io.github.wechatqr.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import feign.Request;
import feign.Response;
import feign.Util;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedHttp2ClientTest {
  private static final Request.Options OPTIONS =
      new Request.Options(Duration.ofSeconds(1), Duration.ofMillis(300), false);

  private final HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(1)).followRedirects(HttpClient.Redirect.NEVER).build();
  private final BoundedHttp2Client client = new BoundedHttp2Client(jdk);
  private final CountDownLatch release = new CountDownLatch(1);
  private final CompletableFuture<String> requestHead = new CompletableFuture<>();

  @AfterEach
  void release() {
    release.countDown();
  }

  /**
   * Answers one request with {@code head}, then holds the connection until released; the future tells
   * whether the client closed the connection meanwhile.
   */
  private CompletableFuture<Boolean> serveOnce(ServerSocket server, String head) {
    CompletableFuture<Boolean> clientClosed = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try (Socket socket = server.accept()) {
        InputStream in = socket.getInputStream();
        requestHead.complete(readHead(in));
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        socket.setSoTimeout(10_000);
        clientClosed.complete(in.read() == -1);
      } catch (SocketTimeoutException e) {
        clientClosed.complete(false);
      } catch (IOException e) {
        clientClosed.complete(true); // reset by the client
      }
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "stalling-server");
    thread.setDaemon(true);
    thread.start();
    return clientClosed;
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private static Request get(int port) {
    return Request.create(Request.HttpMethod.GET, "http://127.0.0.1:" + port + "/cgi-bin/showqrcode?ticket=x",
        Map.of("Connection", List.of("close"), "X-Probe", List.of("1")), null, StandardCharsets.UTF_8, null);
  }

  @Test
  void a_server_that_stalls_in_the_middle_of_the_body_is_cut_off_and_its_connection_closed() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Boolean> clientClosed = serveOnce(server,
          "HTTP/1.1 200 OK\r\nContent-Type: image/jpg\r\nContent-Length: 1000\r\n\r\nJFIF....");
      // The JDK's own timeout stops at the headers: without the deadline this waits for the server.
      assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
          assertThatThrownBy(() -> client.execute(get(server.getLocalPort()), OPTIONS))
              .isInstanceOf(HttpTimeoutException.class)
              .hasMessage("no complete answer within 1300 ms"));
      assertThat(clientClosed.get(15, TimeUnit.SECONDS)).as("the client closed the connection").isTrue();
    }
  }

  @Test
  void a_complete_answer_comes_back_in_memory_over_http_1_1_without_restricted_headers() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      serveOnce(server, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello");
      try (Response response = client.execute(get(server.getLocalPort()), OPTIONS)) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("content-type")).containsExactly("text/plain");
        assertThat(response.body().isRepeatable()).isTrue();
        assertThat(Util.toString(response.body().asReader(StandardCharsets.UTF_8))).isEqualTo("hello");
      }
      String head = requestHead.get(5, TimeUnit.SECONDS);
      assertThat(head).startsWith("GET /cgi-bin/showqrcode?ticket=x HTTP/1.1\r\n")
          .containsIgnoringCase("X-Probe: 1").containsIgnoringCase("Accept: */*")
          .doesNotContainIgnoringCase("Connection: close").doesNotContainIgnoringCase("Upgrade");
    }
  }

  @Test
  void a_refused_connection_is_an_io_failure() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    assertThatThrownBy(() -> client.execute(get(port), OPTIONS)).isInstanceOf(IOException.class)
        .isNotInstanceOf(HttpTimeoutException.class);
  }
}
