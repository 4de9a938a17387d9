package io.github.wechatqr.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.domain.ResolvedScan.Resolution;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.events.ScanListener;
import io.github.wechatqr.testkit.Callback;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.PushCrypto;
import io.github.wechatqr.testkit.PushResult;
import io.github.wechatqr.testkit.QrImages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter in a real Spring Boot web application on a random port, against the testkit's fake WeChat
 * over HTTP: codes created through the injected service, a safe-mode scan pushed by the fake to the mounted
 * endpoint and delivered, resolved, to a listener bean; the actuator shows health but no secret.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = WeChatQrCodeApplicationTest.App.class,
    properties = {
        "wechat.qrcode.callback.token=" + WeChatQrCodeApplicationTest.CALLBACK_TOKEN,
        "wechat.qrcode.callback.encoding-aes-key=" + WeChatQrCodeApplicationTest.AES_KEY,
        "wechat.qrcode.callback.path=/hooks/wechat",
        "management.endpoints.web.exposure.include=health,configprops,env",
        "management.endpoint.health.show-details=always",
        "management.endpoint.configprops.show-values=always",
        "management.endpoint.env.show-values=always",
        "logging.level.io.github.wechatqr=DEBUG"})
@ExtendWith(OutputCaptureExtension.class)
class WeChatQrCodeApplicationTest {
  static final String CALLBACK_TOKEN = "springToken42";
  static final String AES_KEY = "kWxPqR7tYu2IoPaSdFgHjKlZxCvBnM1234567890abc";
  private static final FakeWeChatServer FAKE = FakeWeChatServer.start();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Autowired QrCodeService qrcodes;
  @Autowired Scans scans;
  @Autowired AccessTokenState tokens;
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
    FAKE.callback(Callback.safe(url("/hooks/wechat"), CALLBACK_TOKEN, AES_KEY));
    scans.received.clear();
  }

  @Test
  void a_safe_mode_scan_of_a_code_made_through_the_service_reaches_the_listener_with_its_exact_scene() {
    QrCode login = qrcodes.temporary(SceneValue.of("123"), Duration.ofMinutes(10));
    QrCode shop = qrcodes.permanent(SceneValue.of(17));

    PushResult first = FAKE.scan(login.ticket(), "openid-alice");
    PushResult second = FAKE.scan(shop.ticket(), "openid-alice");

    assertThat(List.of(first.status(), second.status())).containsOnly(200);
    assertThat(List.of(first.body(), second.body())).containsOnly("success");
    assertThat(scans.received).hasSize(2);
    ResolvedScan subscribe = scans.received.get(0);
    assertThat(subscribe.scene()).isEqualTo(new SceneValue.Str("123")); // a string, although the EventKey reads as a number
    assertThat(subscribe.resolution()).isEqualTo(Resolution.ISSUED_CODE);
    assertThat(subscribe.event().kind()).isEqualTo(ScanEvent.Kind.SUBSCRIBE);
    assertThat(subscribe.event().openId()).isEqualTo("openid-alice");
    assertThat(subscribe.issuedCode()).contains(login);
    ResolvedScan scan = scans.received.get(1);
    assertThat(scan.scene()).isEqualTo(new SceneValue.Id(17));
    assertThat(scan.resolution()).isEqualTo(Resolution.ISSUED_CODE);
    assertThat(scan.event().kind()).isEqualTo(ScanEvent.Kind.SCAN);
  }

  @Test
  void a_retried_push_is_answered_success_and_delivered_once() {
    QrCode code = qrcodes.temporary(SceneValue.of("retry-me"), Duration.ofMinutes(10));
    var push = FAKE.push(code.ticket(), "openid-bob");

    assertThat(FAKE.deliver(push).status()).isEqualTo(200);
    assertThat(FAKE.deliver(push).body()).isEqualTo("success");

    assertThat(scans.received).singleElement()
        .satisfies(scan -> assertThat(scan.scene()).isEqualTo(new SceneValue.Str("retry-me")));
  }

  @Test
  void the_service_serves_the_image_of_a_code_from_the_fake() {
    QrCode code = qrcodes.temporary(SceneValue.of(42), Duration.ofHours(1));

    assertThat(QrImages.decode(qrcodes.image(code).bytes())).isEqualTo(code.url());
  }

  @Test
  void the_endpoint_answers_the_url_verification_with_the_echostr_as_plain_text() throws Exception {
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    String query = "signature=" + PushCrypto.signature(CALLBACK_TOKEN, timestamp, "7041") + "&timestamp=" + timestamp
        + "&nonce=7041&echostr=echo-5829";

    HttpResponse<String> answer = get("/hooks/wechat?" + query);

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("echo-5829");
    assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type.replace(" ", "")).isEqualToIgnoringCase("text/plain;charset=utf-8"));
  }

  @Test
  void a_push_with_a_forged_signature_is_refused_and_reaches_no_listener() throws Exception {
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    HttpRequest forged = HttpRequest.newBuilder(url("/hooks/wechat?signature=0000&timestamp=" + timestamp
            + "&nonce=1&encrypt_type=aes&msg_signature=0000"))
        .POST(HttpRequest.BodyPublishers.ofString("<xml><Encrypt><![CDATA[AAAA]]></Encrypt></xml>")).build();

    HttpResponse<String> answer = HTTP.send(forged, HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(scans.received).isEmpty();
  }

  @Test
  void health_reports_the_token_expiry_but_not_the_token() throws Exception {
    qrcodes.temporary(SceneValue.of("health"), Duration.ofMinutes(10)); // fetches a token
    AccessToken token = heldToken();

    HttpResponse<String> health = get("/actuator/health/wechatQrCode");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"").contains(token.expiresAt().toString())
        .doesNotContain(token.value());
  }

  @Test
  void the_actuator_masks_every_secret_even_when_told_to_show_values(CapturedOutput output) throws Exception {
    qrcodes.temporary(SceneValue.of("mask"), Duration.ofMinutes(10));
    String token = heldToken().value();

    String configprops = get("/actuator/configprops").body();
    String env = get("/actuator/env").body();

    assertThat(configprops).contains(FAKE.appId()).contains("/hooks/wechat"); // values are shown ...
    for (String page : List.of(configprops, env)) {
      assertThat(page).contains("******")                                 // ... but not these
          .doesNotContain(FAKE.secret()).doesNotContain(CALLBACK_TOKEN).doesNotContain(AES_KEY);
    }
    assertThat(output.getAll()).contains("io.github.wechatqr") // DEBUG lines of the adapters were written
        .doesNotContain(FAKE.secret()).doesNotContain(CALLBACK_TOKEN).doesNotContain(AES_KEY).doesNotContain(token);
  }

  /** @return the token the gateway's store holds, read without a fetch */
  private AccessToken heldToken() {
    long fetches = FAKE.journal().tokenFetches();
    AccessToken token = tokens.store().orElseThrow().get();
    assertThat(FAKE.journal().tokenFetches()).as("a token is held").isEqualTo(fetches);
    return token;
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Collects what the starter delivers. */
  static final class Scans implements ScanListener {
    final List<ResolvedScan> received = new CopyOnWriteArrayList<>();

    @Override
    public void onScan(ResolvedScan scan) {
      received.add(scan);
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    Scans scans() {
      return new Scans();
    }
  }
}
