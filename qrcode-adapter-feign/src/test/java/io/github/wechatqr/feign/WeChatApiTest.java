package io.github.wechatqr.feign;

import static org.assertj.core.api.Assertions.assertThat;

import feign.Client;
import feign.Feign;
import feign.Request;
import feign.Response;
import feign.Retryer;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Credentials go where Feign means them: the access token is the {@code access_token} parameter of
 * create, appid and secret join the classic token call's query through a request interceptor, and no
 * request carries a marker header or a thread-bound value.
 */
class WeChatApiTest {
  private static final Settings SETTINGS = new Settings("wxapi000000000001", TestGateways.ledgered("Api+Secret/Value=01234567"),
      "http://127.0.0.1:1", "http://127.0.0.1:1", Duration.ofSeconds(1), Duration.ofSeconds(1), TokenMode.CLASSIC,
      4, 1024);

  private final List<Request> sent = new CopyOnWriteArrayList<>();
  private final Client recording = (request, options) -> {
    sent.add(request);
    String json = request.url().contains("/qrcode/create")
        ? "{\"ticket\":\"t\",\"url\":\"u\"}"
        : "{\"access_token\":\"x\",\"expires_in\":7200}";
    return Response.builder().status(200).request(request).headers(Map.of())
        .body(json, StandardCharsets.UTF_8).build();
  };
  private final WeChatApi api = Feign.builder().client(recording).retryer(Retryer.NEVER_RETRY)
      .requestInterceptor(FeignWiring.appCredentials(SETTINGS))
      .encoder((body, type, template) -> template.body(body.toString().getBytes(StandardCharsets.UTF_8),
          StandardCharsets.UTF_8))
      .decoder((response, type) -> WireJson.MAPPER.readValue(InMemoryBody.bytes(response.body()),
          WireJson.MAPPER.constructType(type)))
      .target(WeChatApi.class, SETTINGS.apiBase());

  @Test
  void the_access_token_is_the_create_calls_own_parameter() {
    CreateBody body = CreateBody.of(QrCodeRequest.temporary(SceneValue.of(1), Duration.ofMinutes(1)));
    api.create("tok+EN/1", body);
    api.create("second-token", body);
    assertThat(sent).extracting(Request::url).containsExactly(
        "http://127.0.0.1:1/cgi-bin/qrcode/create?access_token=tok%2BEN/1",
        "http://127.0.0.1:1/cgi-bin/qrcode/create?access_token=second-token");
    // no marker header: Accept and Content-Type come from the HTTP client below (see WeChatApi)
    assertThat(sent).allSatisfy(request -> assertThat(request.headers().keySet()).containsOnly("Content-Length"));
  }

  @Test
  void appid_and_secret_join_the_classic_token_query_and_no_other_call() {
    api.token();
    api.stableToken(StableTokenBody.of(SETTINGS.appId(), SETTINGS.secret(), false));
    api.create("t", CreateBody.of(QrCodeRequest.permanent(SceneValue.of(2))));
    assertThat(sent.get(0).url()).isEqualTo("http://127.0.0.1:1/cgi-bin/token?grant_type=client_credential"
        + "&appid=wxapi000000000001&secret=Api%2BSecret%2FValue%3D01234567");
    assertThat(sent.get(1).url()).isEqualTo("http://127.0.0.1:1/cgi-bin/stable_token");
    assertThat(sent.get(2).url()).doesNotContain("secret", "appid");
  }

  @Test
  void the_base_is_prefixed_once_path_included() {
    BaseUrlTarget<WeChatApi> target = new BaseUrlTarget<>(WeChatApi.class, "http://127.0.0.1:1/wechat-api");
    WeChatApi prefixed = Feign.builder().client(recording).retryer(Retryer.NEVER_RETRY)
        .decoder((response, type) -> WireJson.MAPPER.readValue(InMemoryBody.bytes(response.body()),
            WireJson.MAPPER.constructType(type)))
        .target(target);
    prefixed.token();
    assertThat(sent.get(0).url()).isEqualTo("http://127.0.0.1:1/wechat-api/cgi-bin/token?grant_type=client_credential");
    assertThat(sent.get(0).httpMethod()).isEqualTo(Request.HttpMethod.GET);
    assertThat(target.type()).isEqualTo(WeChatApi.class);
    assertThat(target.name()).isEqualTo(target.url()).isEqualTo("http://127.0.0.1:1/wechat-api");
    assertThat(target).hasToString("BaseUrlTarget[WeChatApi at http://127.0.0.1:1/wechat-api]");
  }
}
