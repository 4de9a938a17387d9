package io.github.wechatqr.feign;

import static io.github.wechatqr.testkit.FakeWeChatServer.CREATE;
import static io.github.wechatqr.testkit.FakeWeChatServer.SHOW_QRCODE;
import static io.github.wechatqr.testkit.FakeWeChatServer.STABLE_TOKEN;
import static io.github.wechatqr.testkit.FakeWeChatServer.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.CredentialsRejected;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.WeChatApiException;
import io.github.wechatqr.testkit.MutableClock;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An errmsg that echoes a credential is masked before it reaches an exception (and so a log line). */
class ErrmsgRedactionTest {
  private static final String SECRET = TestGateways.ledgered("Echo+Secret/Value=0123456789");
  private static final String TOKEN_VALUE = TestGateways.ledgered("echoed-access-token-0123456789");
  private static final QrCodeRequest REQUEST = QrCodeRequest.temporary(SceneValue.of(2), Duration.ofHours(1));

  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");

  private FeignQrCodeGateway gateway(URI base, TokenMode mode) {
    return FeignQrCodeGateway.builder().appId("wxecho0000000001").secret(SECRET).apiBase(base).mpBase(base)
        .clock(clock).tokenMode(mode).backoff(Duration.ofMillis(1), Duration.ofMillis(2))
        .sleeper(new TestGateways.RecordingSleeper(clock)).build();
  }

  @Test
  void a_create_errmsg_loses_the_access_token_the_secret_and_any_credential_parameter() {
    try (StubServer stub = new StubServer()
        .answer(TOKEN, 200, "application/json", "{\"access_token\":\"" + TOKEN_VALUE + "\",\"expires_in\":7200}")
        .answer(CREATE, 200, "application/json", "{\"errcode\":40013,\"errmsg\":\"invalid appid, token "
            + TOKEN_VALUE + " secret " + SECRET + " url /cgi-bin/token?appid=wx&secret=other-secret-value\"}");
        FeignQrCodeGateway gateway = gateway(stub.baseUri(), TokenMode.CLASSIC)) {
      assertThatThrownBy(() -> gateway.issue(REQUEST)).isInstanceOfSatisfying(CredentialsRejected.class, e -> {
        assertThat(e.errmsg()).isEqualTo("invalid appid, token <redacted> secret <redacted> url "
            + "/cgi-bin/token?appid=wx&secret=<redacted>");
        assertThat(e.getMessage()).doesNotContain(TOKEN_VALUE, SECRET, "other-secret-value");
      });
    }
  }

  @Test
  void a_token_errmsg_loses_the_secret_and_a_busy_one_after_the_retries_too() {
    try (StubServer stub = new StubServer()
        .answer(STABLE_TOKEN, 200, "application/json",
            "{\"errcode\":-1,\"errmsg\":\"system error for secret " + SECRET + "\"}");
        FeignQrCodeGateway gateway = gateway(stub.baseUri(), TokenMode.STABLE)) {
      assertThatThrownBy(() -> gateway.issue(REQUEST)).isExactlyInstanceOf(UpstreamUnavailable.class)
          .hasMessage("POST /cgi-bin/stable_token: WeChat is busy, errcode -1 (system error for secret <redacted>)"
              + " (attempt 3 of 3)");
      assertThat(stub.count(STABLE_TOKEN)).isEqualTo(3);
    }
  }

  @Test
  void a_json_errcode_where_an_image_belongs_is_masked_too() {
    try (StubServer stub = new StubServer().answer(SHOW_QRCODE, 200, "application/json",
        "{\"errcode\":40097,\"errmsg\":\"invalid args, access_token=leaked-token-value\"}");
        FeignQrCodeGateway gateway = gateway(stub.baseUri(), TokenMode.CLASSIC)) {
      assertThatThrownBy(() -> gateway.download(new Ticket("t"))).isInstanceOfSatisfying(WeChatApiException.class,
          e -> assertThat(e.errmsg()).isEqualTo("invalid args, access_token=<redacted>"));
    }
  }
}
