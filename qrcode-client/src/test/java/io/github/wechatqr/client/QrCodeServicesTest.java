package io.github.wechatqr.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.MutableClock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Several accounts in one application, each wired on its own and found by name. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class QrCodeServicesTest {
  private static final String APP_A = "wxaaaa000000000001";
  private static final String APP_B = "wxbbbb000000000002";
  private static final String SECRET_A = "secretOfShopA000000000000000001";
  private static final String SECRET_B = "secretOfShopB000000000000000002";

  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock)
      .account(APP_A, SECRET_A).account(APP_B, SECRET_B).start();

  @AfterEach
  void stop() {
    fake.close();
  }

  private WeChatQrCodes account(String appId, String secret) {
    return WeChatQrCodes.builder().appId(appId).secret(secret).apiBase(fake.baseUri()).mpBase(fake.baseUri())
        .clock(clock).build();
  }

  @Test
  void each_account_issues_its_own_code_for_the_same_scene() {
    try (QrCodeServices accounts = QrCodeServices.builder()
        .account("shop-a", account(APP_A, SECRET_A)).account("shop-b", account(APP_B, SECRET_B)).build()) {
      QrCode a = accounts.get("shop-a").temporary(SceneValue.of("login-1"), Duration.ofMinutes(10));
      QrCode b = accounts.get("shop-b").temporary(SceneValue.of("login-1"), Duration.ofMinutes(10));

      assertThat(a.ticket()).isNotEqualTo(b.ticket());
      assertThat(fake.code(a.ticket()).orElseThrow().appId()).isEqualTo(APP_A);
      assertThat(fake.code(b.ticket()).orElseThrow().appId()).isEqualTo(APP_B);
      assertThat(accounts.get("shop-a").temporary(SceneValue.of("login-1"), Duration.ofMinutes(10)))
          .as("reused within its own account").isEqualTo(a);
      assertThat(accounts.names()).containsExactly("shop-a", "shop-b");
    }
  }

  @Test
  void an_unknown_name_is_refused_naming_the_known_ones() {
    QrCodeService service = new QrCodeServiceStub().service();
    QrCodeServices accounts = QrCodeServices.builder().service("shop-a", service).service("shop-b", service).build();

    assertThatThrownBy(() -> accounts.get("shop-c")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no account named 'shop-c'; the accounts are shop-a, shop-b");
    assertThatThrownBy(() -> accounts.get("bad\nname")).hasMessageContaining("'bad?name'");
    assertThatThrownBy(() -> accounts.get(null)).isInstanceOf(NullPointerException.class);
    assertThat(accounts.get("shop-b")).isSameAs(service);
    assertThat(accounts).hasToString("QrCodeServices[shop-a, shop-b]");
  }

  @Test
  void names_are_plain_and_unique_and_one_account_at_least_is_required() {
    QrCodeService service = new QrCodeServiceStub().service();
    QrCodeServices.Builder builder = QrCodeServices.builder().service("shop-a", service);

    assertThatThrownBy(() -> builder.service("shop-a", service)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name 'shop-a' is already an account's");
    for (String bad : new String[] {"", "Shop", "-a", "a.b", "a b", "x".repeat(65)}) {
      assertThatThrownBy(() -> builder.service(bad, service)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("name must be 1..64 of a-z, 0-9, - and _");
    }
    assertThatThrownBy(() -> builder.service(null, service)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.service("b", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.account("b", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> QrCodeServices.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("no account");
    assertThat(builder.service("x".repeat(64), service).build().names()).hasSize(2);
  }

  @Test
  void close_closes_the_wiring_it_owns_and_leaves_given_services_alone() {
    WeChatQrCodes owned = account(APP_A, SECRET_A);
    QrCodeServiceStub given = new QrCodeServiceStub();
    QrCodeServices accounts = QrCodeServices.builder().account("shop-a", owned).service("shop-b", given.service())
        .build();

    accounts.close();

    assertThatThrownBy(() -> accounts.get("shop-a").permanent(SceneValue.of(1)))
        .as("the gateway's connections are closed").isInstanceOf(UpstreamUnavailable.class);
    assertThat(accounts.get("shop-b").permanent(SceneValue.of(1))).isNotNull();
    accounts.close(); // idempotent
  }

  /** A service over the in-memory gateway: nothing to close. */
  private final class QrCodeServiceStub {
    private final WeChatQrCodes wiring = WeChatQrCodes.builder().gateway(new InMemoryQrCodeGateway(clock))
        .clock(clock).build();

    QrCodeService service() {
      return wiring.service();
    }
  }
}
