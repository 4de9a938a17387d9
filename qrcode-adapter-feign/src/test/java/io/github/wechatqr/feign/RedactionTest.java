package io.github.wechatqr.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.Client;
import feign.Feign;
import feign.Headers;
import feign.Logger;
import feign.Param;
import feign.RequestLine;
import feign.Response;
import feign.RetryableException;
import feign.Retryer;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RedactionTest {
  private static final String TOKEN = TestGateways.ledgered("tok_EN-0123456789");
  private static final String SECRET = TestGateways.ledgered("r3dact+Me/=value");

  @Test
  void query_values_of_credentials_are_masked_wherever_they_stand() {
    assertThat(Redaction.text("---> POST http://h/cgi-bin/qrcode/create?access_token=" + TOKEN + " HTTP/1.1"))
        .isEqualTo("---> POST http://h/cgi-bin/qrcode/create?access_token=<redacted> HTTP/1.1");
    assertThat(Redaction.text("GET /cgi-bin/token?grant_type=client_credential&appid=wx1&secret=r3dact%2BMe%2F%3D&x=1"))
        .isEqualTo("GET /cgi-bin/token?grant_type=client_credential&appid=wx1&secret=<redacted>&x=1");
    assertThat(Redaction.text("a access_token=A, then appsecret=B; end secret=C"))
        .isEqualTo("a access_token=<redacted>, then appsecret=<redacted>; end secret=<redacted>");
  }

  @Test
  void json_fields_of_credentials_are_masked() {
    assertThat(Redaction.text("{\"grant_type\":\"client_credential\",\"appid\":\"wx1\",\"secret\" : \"" + SECRET
        + "\",\"force_refresh\":false}"))
        .isEqualTo("{\"grant_type\":\"client_credential\",\"appid\":\"wx1\",\"secret\" : \"<redacted>\","
            + "\"force_refresh\":false}");
    assertThat(Redaction.text("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":7200}"))
        .isEqualTo("{\"access_token\":\"<redacted>\",\"expires_in\":7200}");
    assertThat(Redaction.text("{\"secret\":\"a\\\"b\"}")).isEqualTo("{\"secret\":\"<redacted>\"}");
    assertThat(Redaction.text("{\"secret\":\"unterminated")).isEqualTo("{\"secret\":\"<redacted>");
    assertThat(Redaction.text("\"secret\": 12, \"secret\"")).isEqualTo("\"secret\": 12, \"secret\"");
  }

  @Test
  void text_without_credentials_is_returned_as_is_and_masking_twice_changes_nothing() {
    String plain = "<--- HTTP/1.1 200 OK (3ms)";
    assertThat(Redaction.text(plain)).isSameAs(plain);
    assertThat(Redaction.text(null)).isNull();
    String once = Redaction.text("x?access_token=" + TOKEN + "&secret=" + SECRET + " {\"secret\":\"" + SECRET + "\"}");
    assertThat(Redaction.text(once)).isEqualTo(once);
    String path = "/cgi-bin/showqrcode?ticket=abc";
    assertThat(Redaction.placeholders(path)).isSameAs(path);
    assertThat(Redaction.placeholders("/cgi-bin/qrcode/create")).isEqualTo("/cgi-bin/qrcode/create");
    assertThat(Redaction.placeholders("/cgi-bin/qrcode/create?access_token=" + TOKEN))
        .isEqualTo("/cgi-bin/qrcode/create?access_token=REDACTED");
  }

  @Test
  void an_errmsg_loses_every_credential_it_echoes() {
    String errmsg = "invalid credential, access_token is invalid or not latest: " + TOKEN + " (appsecret "
        + SECRET + ", url-encoded r3dact%2BMe%2F%3Dvalue) hint: [x] url ?access_token=other-token";
    String masked = Redaction.errmsg(errmsg, SECRET, TOKEN, null);
    assertThat(masked).doesNotContain(TOKEN, SECRET, "r3dact%2BMe", "other-token")
        .startsWith("invalid credential, access_token is invalid or not latest: <redacted> (appsecret <redacted>");
    assertThat(Redaction.errmsg(null, SECRET)).isNull();
    assertThat(Redaction.errmsg("system error", SECRET, "")).isEqualTo("system error");
  }

  /** Feign calls whose request lines, headers, bodies and failures all quote a credential. */
  interface Probe {
    @RequestLine("POST /cgi-bin/stable_token?secret={secret}")
    @Headers("Content-Type: application/json")
    String token(@Param("secret") String secret, String body);

    @RequestLine("POST /cgi-bin/qrcode/create?access_token={access_token}")
    String create(@Param("access_token") String token, String body);
  }

  @ParameterizedTest
  @EnumSource(Logger.Level.class)
  void the_feign_logger_masks_every_line_at_every_level(Logger.Level level) {
    CapturedLogs.clear();
    Client server = (request, options) -> {
      if (request.url().contains("qrcode/create")) {
        throw new SocketTimeoutException("timed out reading " + request.url());
      }
      return Response.builder().status(200).reason("OK").request(request)
          .headers(Map.of("Content-Type", List.of("application/json")))
          .body(("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":7200}").getBytes(StandardCharsets.UTF_8))
          .build();
    };
    Probe probe = Feign.builder().client(server).retryer(Retryer.NEVER_RETRY)
        .logger(new RedactingLogger(Probe.class)).logLevel(level).target(Probe.class, "http://127.0.0.1:1");

    assertThat(probe.token(SECRET, "{\"appid\":\"wx1\",\"secret\":\"" + SECRET + "\"}")).contains(TOKEN);
    assertThatThrownBy(() -> probe.create(TOKEN, "{}")).isInstanceOf(RetryableException.class);

    List<String> lines = CapturedLogs.lines();
    assertThat(lines).noneSatisfy(line -> assertThat(line).contains(TOKEN))
        .noneSatisfy(line -> assertThat(line).contains(SECRET))
        .noneSatisfy(line -> assertThat(line).contains("r3dact%2BMe"));
    if (level == Logger.Level.NONE) {
      assertThat(lines).noneSatisfy(line -> assertThat(line).contains("--->"));
      return;
    }
    assertThat(lines)
        .anySatisfy(line -> assertThat(line).contains("[Probe#token] ---> POST").contains("secret=<redacted>"))
        .anySatisfy(line -> assertThat(line).contains("[Probe#create] ---> POST").contains("access_token=<redacted>"))
        .anySatisfy(line -> assertThat(line).contains("<--- ERROR SocketTimeoutException: timed out reading")
            .contains("access_token=<redacted>"));
    if (level == Logger.Level.FULL) {
      assertThat(lines).anySatisfy(line -> assertThat(line).contains("{\"appid\":\"wx1\",\"secret\":\"<redacted>\"}"))
          .anySatisfy(line -> assertThat(line).contains("{\"access_token\":\"<redacted>\",\"expires_in\":7200}"));
    }
  }
}
