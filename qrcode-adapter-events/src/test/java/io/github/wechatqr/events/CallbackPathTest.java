package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.PushCrypto;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 17, point 8 (paths): the callback URL is one exact path. Anything else — a longer name, a
 * sub-path, dot segments, another case, encoded slashes — is a 404 and never reaches the handler. Sent
 * as raw bytes: an HTTP client would normalise some of these paths before sending them.
 */
class CallbackPathTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final WeChatCallbackHandler handler = WeChatCallbackHandler.builder().token(SignedRequest.TOKEN)
      .clock(clock).resolver(new QrCodeService(new InMemoryQrCodeGateway(clock), new InMemoryQrCodeStore(clock),
          clock)).scanListener(scan -> { }).build();
  private final InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  /** A URL verification, validly signed, for the path given. */
  private RawHttp.Answer verify(URI server, String path) throws IOException {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    String query = "timestamp=" + timestamp + "&nonce=9&echostr=hello&signature="
        + PushCrypto.signature(SignedRequest.TOKEN, timestamp, "9");
    return RawHttp.exchange(server, RawHttp.request("GET", path + "?" + query, new byte[0]));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/wechatX", "/wechat/../x", "/wechat/extra", "/wechat/", "/Wechat", "//wechat",
      "/x/../wechat", "/wechat%2F", "/wechat;a=b", "/wechat/."})
  void the_standalone_server_answers_404_off_its_exact_path(String path) throws IOException {
    try (CallbackServer server = CallbackServer.start(loopback, "/wechat", handler, 1)) {
      RawHttp.Answer answer = verify(server.url(), path);
      assertThat(answer.status()).as(path).isIn(400, 404);
      assertThat(answer.body()).doesNotContain("hello");
      assertThat(verify(server.url(), "/wechat").body()).isEqualTo("hello");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/wechatX", "/wechat/../x", "/wechat/extra"})
  void a_handler_mounted_on_a_jdk_server_of_ones_own_answers_404_off_its_exact_path(String path)
      throws IOException {
    HttpServer own = HttpServer.create(loopback, 0);
    JdkHttpCallback.mount(own, "/wechat", handler);
    own.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + own.getAddress().getPort() + "/wechat");
      assertThat(verify(url, path).status()).as(path).isEqualTo(404);
      assertThat(verify(url, "/wechat").body()).isEqualTo("hello");
    } finally {
      own.stop(0);
    }
  }

  @Test
  void a_path_must_be_absolute_and_plain() {
    for (String path : new String[] {"wechat", "", "/a/../b", "/a?b", "/a#b", "/a b"}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> CallbackServer.start(loopback, path, handler, 1))
          .as(path).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
