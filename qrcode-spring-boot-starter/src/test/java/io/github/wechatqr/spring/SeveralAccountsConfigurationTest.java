package io.github.wechatqr.spring;

import static io.github.wechatqr.spring.StarterContexts.AES_KEY;
import static io.github.wechatqr.spring.StarterContexts.APP_ID;
import static io.github.wechatqr.spring.StarterContexts.CALLBACK_TOKEN;
import static io.github.wechatqr.spring.StarterContexts.SECRET;
import static io.github.wechatqr.spring.StarterContexts.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wechatqr.cache.CacheRuntime;
import io.github.wechatqr.client.QrCodeServices;
import io.github.wechatqr.client.WeChatQrCodes;
import io.github.wechatqr.domain.CredentialsRejected;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.port.QrCodeGateway;
import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.events.WeChatCallbackHandler;
import io.github.wechatqr.feign.FeignQrCodeGateway;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.Fault;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/** {@code wechat.qrcode.accounts.<name>.*}: several accounts, each wired on its own, found by name. */
class SeveralAccountsConfigurationTest {
  private static final String APP_A = "wxaaaa000000000001";
  private static final String APP_B = "wxbbbb000000000002";
  private static final String SECRET_A = "secretOfShopA000000000000000001";
  private static final String SECRET_B = "secretOfShopB000000000000000002";
  private static final AutoConfigurations STARTER = AutoConfigurations.of(WeChatQrCodeAutoConfiguration.class,
      WeChatQrCodeWebAutoConfiguration.class, WeChatQrCodeActuatorAutoConfiguration.class,
      BootLine.HEALTH_AUTO_CONFIGURATION);

  private final MutableClock clock = MutableClock.at("2026-05-01T08:00:00Z");
  private final FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock)
      .account(APP_A, SECRET_A).account(APP_B, SECRET_B).start();

  @AfterEach
  void stopFake() {
    fake.close();
  }

  private ApplicationContextRunner twoAccounts() {
    return new ApplicationContextRunner().withConfiguration(STARTER)
        .withBean(Clock.class, () -> clock).withBean(CacheRuntime.class, () -> CacheRuntime.sameThread(clock))
        .withPropertyValues("wechat.qrcode.api-base=" + fake.baseUri(), "wechat.qrcode.mp-base=" + fake.baseUri(),
            "wechat.qrcode.retry.max-attempts=1",
            "wechat.qrcode.accounts.shop-a.app-id=" + APP_A, "wechat.qrcode.accounts.shop-a.secret=" + SECRET_A,
            "wechat.qrcode.accounts.shop-b.app-id=" + APP_B, "wechat.qrcode.accounts.shop-b.secret=" + SECRET_B);
  }

  @Test
  void each_account_has_its_own_service_and_the_registry_finds_it_by_name() {
    twoAccounts().run(context -> {
      QrCodeServices accounts = context.getBean(QrCodeServices.class);
      QrCodeService a = accounts.get("shop-a");
      QrCodeService b = accounts.get("shop-b");

      QrCode fromA = a.temporary(SceneValue.of("same-scene"), Duration.ofMinutes(10));
      QrCode fromB = b.temporary(SceneValue.of("same-scene"), Duration.ofMinutes(10));

      assertThat(accounts.names()).containsExactly("shop-a", "shop-b");
      assertThat(a).isNotSameAs(b);
      assertThat(fromA.ticket()).isNotEqualTo(fromB.ticket());
      assertThat(fake.code(fromA.ticket()).orElseThrow().appId()).isEqualTo(APP_A);
      assertThat(fake.code(fromB.ticket()).orElseThrow().appId()).isEqualTo(APP_B);
      assertThat(a.temporary(SceneValue.of("same-scene"), Duration.ofMinutes(10))).isEqualTo(fromA);
      assertThat(fake.journal().tokenFetches()).as("one token per account").isEqualTo(2);
      // No part of one account is a bean another could be handed by type.
      assertThat(context).doesNotHaveBean(QrCodeService.class).doesNotHaveBean(QrCodeGateway.class)
          .doesNotHaveBean(QrCodeStore.class).doesNotHaveBean(AccessTokenState.class)
          .doesNotHaveBean(WeChatCallbackHandler.class);
    });
  }

  @Test
  void an_unknown_account_is_refused_naming_the_known_ones() {
    twoAccounts().run(context -> assertThatThrownBy(() -> context.getBean(QrCodeServices.class).get("shop-c"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no account named 'shop-c'; the accounts are shop-a, shop-b"));
  }

  @Test
  void the_accounts_own_settings_win_over_the_shared_ones() {
    twoAccounts().withPropertyValues("wechat.qrcode.token-mode=classic", "wechat.qrcode.accounts.shop-b.token-mode=stable")
        .run(context -> {
          context.getBean(QrCodeServices.class).get("shop-a").permanent(SceneValue.of(1));
          context.getBean(QrCodeServices.class).get("shop-b").permanent(SceneValue.of(1));

          assertThat(fake.journal().count(FakeWeChatServer.TOKEN)).as("shop-a: the shared classic").isEqualTo(1);
          assertThat(fake.journal().count(FakeWeChatServer.STABLE_TOKEN)).as("shop-b: its own stable").isEqualTo(1);
        });
  }

  @Test
  void a_qr_code_service_bean_named_like_an_account_replaces_that_accounts_service_only() {
    QrCodeService own = WeChatQrCodes.builder().gateway(new InMemoryQrCodeGateway(clock)).clock(clock).build().service();
    twoAccounts().withBean("shop-b", QrCodeService.class, () -> own).run(context -> {
      QrCodeServices accounts = context.getBean(QrCodeServices.class);

      assertThat(accounts.get("shop-b")).isSameAs(own);
      assertThat(accounts.get("shop-a")).isNotSameAs(own);
      accounts.get("shop-a").permanent(SceneValue.of(3));
      Map<String, Object> health = accountsHealth(context);
      assertThat(health.get("shop-a")).asString().contains("status=UP");
      assertThat(health.get("shop-b")).asString().contains("status=UNKNOWN").contains(WeChatQrCodeHealth.NOT_OBSERVED);
    });
  }

  @Test
  void a_qr_code_services_bean_of_the_application_wins() {
    QrCodeService own = WeChatQrCodes.builder().gateway(new InMemoryQrCodeGateway(clock)).clock(clock).build().service();
    QrCodeServices registry = QrCodeServices.builder().service("mine", own).build();
    twoAccounts().withBean(QrCodeServices.class, () -> registry).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(QrCodeServices.class)).isSameAs(registry);
    });
  }

  @Test
  void a_port_bean_of_the_application_would_serve_every_account_and_fails_the_start_named() {
    twoAccounts().withBean("sharedStore", QrCodeStore.class, () -> new InMemoryQrCodeStore(clock)).run(context ->
        assertThat(failure(context)).contains("wechat.qrcode.accounts is set, so each account gets its own QrCodeStore")
            .contains("sharedStore"));
  }

  @Test
  void health_is_down_when_one_account_is_refused_and_names_it() {
    fake.failNext(FakeWeChatServer.STABLE_TOKEN, 40125, 1);
    twoAccounts().run(context -> {
      QrCodeServices accounts = context.getBean(QrCodeServices.class);
      assertThatThrownBy(() -> accounts.get("shop-a").permanent(SceneValue.of(1))).isInstanceOf(CredentialsRejected.class);
      accounts.get("shop-b").permanent(SceneValue.of(1));

      HealthView health = BootLine.health(context, "wechatQrCodeHealthIndicator");

      assertThat(health.status()).isEqualTo("DOWN");
      Map<String, Object> byName = accountsHealth(context);
      assertThat(byName.get("shop-a")).asString().contains("status=DOWN").contains("errcode=40125")
          .contains("appId=" + APP_A).doesNotContain(SECRET_A);
      assertThat(byName.get("shop-b")).asString().contains("status=UP").contains("tokenValidUntil");
    });
  }

  @Test
  void health_is_up_while_one_account_holds_a_token_and_the_other_has_none_yet() {
    twoAccounts().run(context -> {
      assertThat(BootLine.health(context, "wechatQrCodeHealthIndicator").status()).isEqualTo("UNKNOWN");

      context.getBean(QrCodeServices.class).get("shop-a").permanent(SceneValue.of(2));

      assertThat(BootLine.health(context, "wechatQrCodeHealthIndicator").status()).isEqualTo("UP");
      assertThat(accountsHealth(context).get("shop-b")).asString().contains("status=UNKNOWN")
          .contains("none fetched yet");
    });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> accountsHealth(ApplicationContext context) {
    return (Map<String, Object>) BootLine.health(context, "wechatQrCodeHealthIndicator").details().get("accounts");
  }

  @Test
  void each_mounted_account_gets_its_own_callback_path() {
    new WebApplicationContextRunner().withConfiguration(STARTER)
        .withPropertyValues("wechat.qrcode.accounts.shop-a.app-id=" + APP_A, "wechat.qrcode.accounts.shop-a.secret=" + SECRET_A,
            "wechat.qrcode.accounts.shop-a.callback.token=" + CALLBACK_TOKEN,
            "wechat.qrcode.accounts.shop-a.callback.encoding-aes-key=" + AES_KEY,
            "wechat.qrcode.accounts.shop-a.callback.path=/wx/a",
            "wechat.qrcode.accounts.shop-b.app-id=" + APP_B, "wechat.qrcode.accounts.shop-b.secret=" + SECRET_B,
            "wechat.qrcode.accounts.shop-b.callback.token=" + CALLBACK_TOKEN + "b",
            "wechat.qrcode.accounts.shop-b.callback.mode=plain",
            "wechat.qrcode.accounts.shop-c.app-id=wxcccc000000000003", "wechat.qrcode.accounts.shop-c.secret=" + SECRET)
        .run(context -> {
          SimpleUrlHandlerMapping mapping = context.getBean("wechatQrCodeCallbackMapping", SimpleUrlHandlerMapping.class);
          assertThat(mapping.getUrlMap()).as("shop-c has no callback token: not mounted")
              .containsOnlyKeys("/wx/a", "/wechat/callback/shop-b");
          assertThat(mapping.getUrlMap().values()).allSatisfy(endpoint -> assertThat(endpoint).isInstanceOf(CallbackEndpoint.class));
        });
  }

  @Test
  void two_accounts_on_one_callback_path_fail_the_start_naming_both_properties() {
    twoAccounts().withPropertyValues("wechat.qrcode.accounts.shop-a.callback.token=" + CALLBACK_TOKEN,
            "wechat.qrcode.accounts.shop-a.callback.mode=plain", "wechat.qrcode.accounts.shop-a.callback.path=/wx",
            "wechat.qrcode.accounts.shop-b.callback.token=" + CALLBACK_TOKEN,
            "wechat.qrcode.accounts.shop-b.callback.mode=plain", "wechat.qrcode.accounts.shop-b.callback.path=/wx")
        .run(context -> assertThat(failure(context)).contains("wechat.qrcode.accounts.shop-a.callback.path and"
            + " wechat.qrcode.accounts.shop-b.callback.path are both /wx: each account needs a callback path of its own"));
  }

  @Test
  void a_missing_app_id_of_one_account_is_named_by_its_property() {
    new ApplicationContextRunner().withConfiguration(STARTER)
        .withPropertyValues("wechat.qrcode.accounts.shop-a.app-id=" + APP_A, "wechat.qrcode.accounts.shop-a.secret=" + SECRET_A,
            "wechat.qrcode.accounts.shop-b.secret=" + SECRET_B)
        .run(context -> assertThat(failure(context))
            .contains("wechat.qrcode.accounts.shop-b.app-id is required: the appid of the Official Account")
            .doesNotContain("wechat.qrcode.accounts.shop-a.app-id").doesNotContain(SECRET_B));
  }

  @Test
  void an_unresolved_placeholder_of_an_accounts_secret_or_token_is_named_by_its_property() {
    new ApplicationContextRunner().withConfiguration(STARTER)
        .withPropertyValues("wechat.qrcode.accounts.shop-a.app-id=" + APP_A,
            "wechat.qrcode.accounts.shop-a.secret=${SHOP_A_SECRET_NEVER_SET}",
            "wechat.qrcode.accounts.shop-a.callback.token=${SHOP_A_TOKEN_NEVER_SET}",
            "wechat.qrcode.accounts.shop-a.callback.mode=plain")
        .run(context -> assertThat(failure(context))
            .contains("wechat.qrcode.accounts.shop-a.secret holds a ${...} placeholder that nothing resolves")
            .contains("wechat.qrcode.accounts.shop-a.callback.token holds a ${...} placeholder that nothing resolves")
            .doesNotContain("NEVER_SET"));
  }

  @Test
  void a_missing_secret_of_one_account_is_named_by_its_property() {
    new ApplicationContextRunner().withConfiguration(STARTER)
        .withPropertyValues("wechat.qrcode.accounts.shop-a.app-id=" + APP_A)
        .run(context -> assertThat(failure(context)).contains("wechat.qrcode.accounts.shop-a.secret is required"));
  }

  @Test
  void the_one_account_settings_together_with_accounts_fail_the_start() {
    twoAccounts().withPropertyValues("wechat.qrcode.app-id=" + APP_ID, "wechat.qrcode.secret=" + SECRET)
        .run(context -> assertThat(failure(context)).contains("wechat.qrcode.app-id, wechat.qrcode.secret must not be set"
            + " with wechat.qrcode.accounts").doesNotContain(SECRET));
  }

  @Test
  void the_gateway_and_the_caches_of_each_account_are_measured_with_its_name() {
    twoAccounts().withConfiguration(BootLine.METRICS).run(context -> {
          context.getBean(QrCodeServices.class).get("shop-a").permanent(SceneValue.of(1));
          MeterRegistry registry = context.getBean(MeterRegistry.class);

          for (String account : new String[] {"shop-a", "shop-b"}) {
            assertThat(registry.find("cache.size").tag("cache", "wechatqr.codes").tag("account", account).gauge())
                .as(account).isNotNull();
            assertThat(registry.find("cache.size").tag("cache", "wechatqr.access-token").tag("account", account).gauge())
                .as(account).isNotNull();
          }
          assertThat(registry.find("cache.size").tag("cache", "wechatqr.codes").tag("account", "shop-a").gauge().value())
              .isEqualTo(1);
          assertThat(registry.find("wechat.qrcode.calls").tag("api", "create").tag("account", "shop-a").timer())
              .isNotNull().satisfies(timer -> assertThat(timer.count()).isEqualTo(1));
          assertThat(registry.find("wechat.qrcode.calls").tag("api", "create").tag("account", "shop-b").timer())
              .as("shop-b created nothing").isNull();
        });
  }

  @Test
  void configprops_and_env_mask_every_accounts_secrets_even_with_show_values_always() {
    twoAccounts().withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class,
            ConfigurationPropertiesReportEndpointAutoConfiguration.class, EnvironmentEndpointAutoConfiguration.class))
        .withPropertyValues("management.endpoints.web.exposure.include=configprops,env",
            "management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always",
            "wechat.qrcode.accounts.shop-b.callback.token=" + CALLBACK_TOKEN,
            "wechat.qrcode.accounts.shop-b.callback.encoding-aes-key=" + AES_KEY)
        .run(context -> {
          ObjectMapper json = new ObjectMapper().findAndRegisterModules();
          String configprops = json.writeValueAsString(
              context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
          String env = json.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));

          assertThat(configprops).contains(APP_A).contains(APP_B);
          for (String page : new String[] {configprops, env}) {
            assertThat(page).contains("******").doesNotContain(SECRET_A).doesNotContain(SECRET_B)
                .doesNotContain(CALLBACK_TOKEN).doesNotContain(AES_KEY);
          }
        });
  }

  @Test
  void only_the_caches_the_starter_made_are_measured() {
    QrCodeService own = WeChatQrCodes.builder().gateway(new InMemoryQrCodeGateway(clock)).clock(clock).build().service();
    twoAccounts().withBean("shop-b", QrCodeService.class, () -> own).withPropertyValues("wechat.qrcode.cache.max-image-size=0")
        .withConfiguration(BootLine.METRICS).run(context -> {
          MeterRegistry registry = context.getBean(MeterRegistry.class);

          assertThat(registry.find("cache.size").tag("cache", "wechatqr.codes").tag("account", "shop-a").gauge()).isNotNull();
          assertThat(registry.find("cache.size").tag("account", "shop-b").gauges()).as("shop-b's service is the application's")
              .isEmpty();
          assertThat(registry.find("cache.size").tag("cache", "wechatqr.images").gauges()).as("no image cache").isEmpty();
        });
  }

  @Test
  void a_gateway_customizer_of_the_application_adjusts_every_accounts_gateway() {
    fake.failNext(FakeWeChatServer.CREATE, Fault.delay(Duration.ofSeconds(2)), 2);
    twoAccounts().withBean(FeignQrCodeGatewayCustomizer.class, () -> builder -> builder.readTimeout(Duration.ofMillis(200)))
        .run(context -> {
          for (String account : new String[] {"shop-a", "shop-b"}) {
            assertThatThrownBy(() -> context.getBean(QrCodeServices.class).get(account)
                .temporary(SceneValue.of(1), Duration.ofMinutes(5))).as(account).isInstanceOf(UpstreamUnavailable.class);
          }
        });
  }

  @Test
  void the_one_account_configured_the_old_way_is_in_the_registry_as_default() {
    StarterContexts.configured().run(context -> {
      assertThat(context).hasSingleBean(FeignQrCodeGateway.class);
      assertThat(context.getBean(QrCodeServices.class).names()).containsExactly("default");
      assertThat(context.getBean(QrCodeServices.class).get("default")).isSameAs(context.getBean(QrCodeService.class));
    });
  }

  @Test
  void with_a_service_of_the_application_the_health_says_it_cannot_see_its_token() {
    QrCodeService own = WeChatQrCodes.builder().gateway(new InMemoryQrCodeGateway(clock)).clock(clock).build().service();
    StarterContexts.configured().withConfiguration(AutoConfigurations.of(WeChatQrCodeActuatorAutoConfiguration.class,
            BootLine.HEALTH_AUTO_CONFIGURATION))
        .withBean(QrCodeService.class, () -> own).run(context -> {
          own.permanent(SceneValue.of(4));

          HealthView health = BootLine.health(context, "wechatQrCodeHealthIndicator");

          assertThat(context.getBean(QrCodeServices.class).get("default")).isSameAs(own);
          assertThat(health.status()).isEqualTo("UNKNOWN");
          assertThat(health.details()).containsEntry("token", WeChatQrCodeHealth.NOT_OBSERVED)
              .containsEntry("appId", APP_ID);
        });
  }

  @Test
  void with_a_service_of_the_application_over_the_starters_gateway_the_health_follows_its_token() {
    StarterContexts.against(fake).withConfiguration(AutoConfigurations.of(WeChatQrCodeActuatorAutoConfiguration.class,
            BootLine.HEALTH_AUTO_CONFIGURATION))
        .withUserConfiguration(OwnServiceOverTheStartersGateway.class).run(context -> {
          assertThat(BootLine.health(context, "wechatQrCodeHealthIndicator").details())
              .containsEntry("token", WeChatQrCodeHealth.NOT_OBSERVED);

          context.getBean(QrCodeService.class).permanent(SceneValue.of(4));

          HealthView health = BootLine.health(context, "wechatQrCodeHealthIndicator");
          assertThat(health.status()).isEqualTo("UP");
          assertThat(health.details()).containsKey("tokenValidUntil");
        });
  }

  /** An application's own service over the starter's gateway bean. */
  @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
  static class OwnServiceOverTheStartersGateway {
    @org.springframework.context.annotation.Bean
    QrCodeService ownService(QrCodeGateway gateway) {
      return WeChatQrCodes.builder().gateway(gateway).build().service();
    }
  }
}
