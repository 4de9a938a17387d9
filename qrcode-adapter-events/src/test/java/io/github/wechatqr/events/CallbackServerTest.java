package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.PushCrypto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class CallbackServerTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final WeChatCallbackHandler handler = WeChatCallbackHandler.builder().token(SignedRequest.TOKEN)
      .clock(clock).resolver(new QrCodeService(new InMemoryQrCodeGateway(clock), new InMemoryQrCodeStore(clock),
          clock)).scanListener(scan -> { }).build();
  private final InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  private HttpResponse<String> verify(URI url) throws IOException, InterruptedException {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    URI uri = URI.create(url + "?timestamp=" + timestamp + "&nonce=9&echostr=hello&signature="
        + PushCrypto.signature(SignedRequest.TOKEN, timestamp, "9"));
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void serves_the_handler_at_its_url_until_closed() throws Exception {
    URI url;
    try (CallbackServer server = CallbackServer.start(loopback, "/wechat", handler, 2)) {
      url = server.url();
      assertThat(url.toString()).matches("http://127\\.0\\.0\\.1:\\d+/wechat");
      HttpResponse<String> answer = verify(url);
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo("hello");
    }
    assertThatThrownBy(() -> verify(url)).isInstanceOf(ConnectException.class);
  }

  @Test
  void a_taken_port_is_reported_without_leaking_threads() throws Exception {
    java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      InetSocketAddress busy = new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort());
      assertThatThrownBy(() -> CallbackServer.start(busy, "/wechat", handler, 1))
          .isInstanceOf(UncheckedIOException.class).hasMessageStartingWith("cannot listen on");
    }
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (!before.contains(thread) && thread.getName().startsWith("wechat-callback")) {
        thread.join(5_000);
        assertThat(thread.isAlive()).as(thread.getName()).isFalse();
      }
    }
  }

  @Test
  void needs_at_least_one_thread_and_a_handler() {
    assertThatThrownBy(() -> CallbackServer.start(loopback, "/wechat", handler, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CallbackServer.start(loopback, "/wechat", null, 1))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void the_handler_can_be_mounted_on_a_server_of_ones_own() throws Exception {
    HttpServer own = HttpServer.create(loopback, 0);
    JdkHttpCallback.mount(own, "/hooks/wechat", handler);
    own.start();
    try {
      HttpResponse<String> answer =
          verify(URI.create("http://127.0.0.1:" + own.getAddress().getPort() + "/hooks/wechat"));
      assertThat(answer.body()).isEqualTo("hello");
    } finally {
      own.stop(0);
    }
  }
}
