package io.github.wechatqr.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.client.QrCodeServices;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.domain.ResolvedScan.Resolution;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.testkit.Callback;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.Push;
import io.github.wechatqr.testkit.PushResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two Official Accounts in one real Spring Boot web application on a random port, against one fake WeChat
 * holding both, over HTTP: each account issues its own code for the same scene, a safe-mode push to each
 * account's callback path reaches the listener with that account's name, a push signed for one account is
 * refused on the other's path, and the health shows each account.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    classes = SeveralAccountsApplicationTest.App.class,
    properties = {
        "wechat.qrcode.accounts.shop-a.callback.token=" + SeveralAccountsApplicationTest.TOKEN_A,
        "wechat.qrcode.accounts.shop-a.callback.encoding-aes-key=" + SeveralAccountsApplicationTest.KEY_A,
        "wechat.qrcode.accounts.shop-a.callback.path=/hooks/a",
        "wechat.qrcode.accounts.shop-b.callback.token=" + SeveralAccountsApplicationTest.TOKEN_B,
        "wechat.qrcode.accounts.shop-b.callback.encoding-aes-key=" + SeveralAccountsApplicationTest.KEY_B,
        "wechat.qrcode.accounts.shop-b.token-mode=classic",
        "management.endpoints.web.exposure.include=health",
        "management.endpoint.health.show-details=always"})
class SeveralAccountsApplicationTest {
  static final String APP_A = "wxaaaa000000000001";
  static final String APP_B = "wxbbbb000000000002";
  static final String TOKEN_A = "tokenOfShopA1";
  static final String TOKEN_B = "tokenOfShopB2";
  static final String KEY_A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  static final String KEY_B = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  private static final FakeWeChatServer FAKE = FakeWeChatServer.builder()
      .account(APP_A, "secretOfShopA000000000000000001").account(APP_B, "secretOfShopB000000000000000002").start();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Autowired QrCodeServices accounts;
  @Autowired Scans scans;
  @LocalServerPort int port;

  @DynamicPropertySource
  static void wechat(DynamicPropertyRegistry registry) {
    registry.add("wechat.qrcode.accounts.shop-a.app-id", () -> APP_A);
    registry.add("wechat.qrcode.accounts.shop-a.secret", () -> "secretOfShopA000000000000000001");
    registry.add("wechat.qrcode.accounts.shop-b.app-id", () -> APP_B);
    registry.add("wechat.qrcode.accounts.shop-b.secret", () -> "secretOfShopB000000000000000002");
    registry.add("wechat.qrcode.api-base", () -> FAKE.baseUri().toString());
    registry.add("wechat.qrcode.mp-base", () -> FAKE.baseUri().toString());
  }

  @AfterAll
  static void stopFake() {
    FAKE.close();
  }

  @BeforeEach
  void nothingReceivedYet() {
    scans.received.clear();
  }

  @Test
  void both_accounts_issue_their_own_code_for_one_scene_and_each_push_names_its_account() {
    QrCode a = accounts.get("shop-a").temporary(SceneValue.of("login-7"), Duration.ofMinutes(10));
    QrCode b = accounts.get("shop-b").temporary(SceneValue.of("login-7"), Duration.ofMinutes(10));

    FAKE.callback(Callback.safe(url("/hooks/a"), TOKEN_A, KEY_A));
    PushResult toA = FAKE.scan(a.ticket(), "openid-alice");
    FAKE.callback(Callback.safe(url("/wechat/callback/shop-b"), TOKEN_B, KEY_B)); // the default path: shared + /name
    PushResult toB = FAKE.scan(b.ticket(), "openid-alice");

    assertThat(a.ticket()).isNotEqualTo(b.ticket());
    assertThat(FAKE.code(a.ticket()).orElseThrow().appId()).isEqualTo(APP_A);
    assertThat(FAKE.code(b.ticket()).orElseThrow().appId()).isEqualTo(APP_B);
    assertThat(List.of(toA.status(), toB.status())).containsOnly(200);
    assertThat(List.of(toA.body(), toB.body())).containsOnly("success");
    assertThat(scans.received).extracting(Received::account).containsExactly("shop-a", "shop-b");
    assertThat(scans.received).allSatisfy(received -> {
      assertThat(received.scan().scene()).isEqualTo(new SceneValue.Str("login-7"));
      assertThat(received.scan().resolution()).as("found in the account's own store").isEqualTo(Resolution.ISSUED_CODE);
    });
    assertThat(scans.received.get(0).scan().issuedCode()).contains(a);
    assertThat(scans.received.get(1).scan().issuedCode()).contains(b);
  }

  @Test
  void a_push_signed_for_one_account_is_refused_on_the_others_path() {
    QrCode a = accounts.get("shop-a").temporary(SceneValue.of("wrong-door"), Duration.ofMinutes(10));
    FAKE.callback(Callback.safe(url("/wechat/callback/shop-b"), TOKEN_A, KEY_A)); // A's token and key, B's path
    Push push = FAKE.push(a.ticket(), "openid-mallory");

    PushResult answer = FAKE.deliver(push);

    assertThat(answer.status()).isEqualTo(403);
    assertThat(scans.received).isEmpty();
  }

  @Test
  void health_reports_each_account_by_name() throws Exception {
    accounts.get("shop-a").permanent(SceneValue.of(5)); // fetches shop-a's token only

    HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(url("/actuator/health/wechatQrCode")).GET().build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"shop-a\":{\"status\":\"UP\"")
        .contains("\"appId\":\"" + APP_B + "\"").contains("\"tokenMode\":\"classic\"")
        .doesNotContain("secretOfShop");
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** A scan and the account it reached. */
  record Received(String account, ResolvedScan scan) {}

  /** Collects what the starter delivers, with the account. */
  static final class Scans implements AccountScanListener {
    final List<Received> received = new CopyOnWriteArrayList<>();

    @Override
    public void onScan(String account, ResolvedScan scan) {
      received.add(new Received(account, scan));
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
