package io.github.wechatqr.spring;

import static io.github.wechatqr.spring.StarterContexts.against;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.cache.CacheRuntime;
import io.github.wechatqr.cache.CaffeineAccessTokenStore;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.port.QrCodeGateway;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.TokenKeeper;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.events.WeChatCallbackHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;

class MetricsConfigurationTest {
  private static final AutoConfigurations METRICS = BootLine.METRICS;
  private final FakeWeChatServer fake = FakeWeChatServer.start();

  @AfterEach
  void stopFake() {
    fake.close();
  }

  @Test
  void the_gateway_reports_its_calls_to_the_applications_registry() {
    against(fake).withConfiguration(METRICS).run(context -> {
      context.getBean(QrCodeService.class).temporary(SceneValue.of(1), Duration.ofMinutes(5));
      MeterRegistry registry = context.getBean(MeterRegistry.class);

      assertThat(registry.find("wechat.qrcode.calls").tag("api", "create").tag("outcome", "ok").timer())
          .isNotNull().satisfies(timer -> assertThat(timer.count()).isEqualTo(1));
      assertThat(registry.find("wechat.qrcode.calls").tag("api", "stable_token").timer()).isNotNull(); // the default mode
    });
  }

  @Test
  void refusals_after_a_valid_signature_are_counted_for_the_operator() throws Exception {
    String token = "probeToken42";
    against(fake).withConfiguration(METRICS).withPropertyValues("wechat.qrcode.callback.token=" + token,
        "wechat.qrcode.callback.mode=plain").run(context -> {
      WeChatCallbackHandler handler = context.getBean(WeChatCallbackHandler.class);
      String timestamp = Long.toString(java.time.Instant.now().getEpochSecond());
      java.util.Map<String, String> signed = java.util.Map.of("timestamp", timestamp, "nonce", "n1",
          "signature", sha1(java.util.stream.Stream.of(token, timestamp, "n1").sorted().reduce("", String::concat)));
      byte[] broken = "<xml><ToUserName>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      handler.handle("POST", signed, broken);
      handler.handle("POST", signed, broken);
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      assertThat(registry.get(MetricsConfiguration.CALLBACK_REFUSALS).tag("kind", "after_signature")
          .tag("account", fake.appId()).functionCounter().count()).isEqualTo(2);
      assertThat(registry.get(MetricsConfiguration.CALLBACK_REFUSALS).tag("kind", "repeated")
          .functionCounter().count()).isEqualTo(1);
    });
  }

  private static String sha1(String text) throws java.security.NoSuchAlgorithmException {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
        .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void the_caffeine_caches_are_measured_with_the_account_tag() {
    against(fake).withConfiguration(METRICS).run(context -> {
      QrCodeService qrcodes = context.getBean(QrCodeService.class);
      QrCode code = qrcodes.permanent(SceneValue.of(3));
      qrcodes.image(code);
      MeterRegistry registry = context.getBean(MeterRegistry.class);

      for (String cache : new String[] {"wechatqr.codes", "wechatqr.access-token", "wechatqr.images"}) {
        assertThat(registry.find("cache.size").tag("cache", cache).tag("account", fake.appId()).gauge())
            .as(cache).isNotNull();
      }
    });
  }

  @Test
  void a_caffeine_token_store_of_the_application_is_measured_too() {
    AccessTokenStore.Factory own = CaffeineAccessTokenStore.factory(CacheRuntime.of(Clock.systemUTC()),
        TokenPolicy.builder().safetyMargin(Duration.ofMinutes(2)).build());
    against(fake).withConfiguration(METRICS).withBean(AccessTokenStore.Factory.class, () -> own).run(context -> {
      context.getBean(QrCodeService.class).temporary(SceneValue.of(4), Duration.ofMinutes(5));
      MeterRegistry registry = context.getBean(MeterRegistry.class);

      assertThat(registry.find("cache.gets").tag("cache", "wechatqr.access-token").tag("result", "miss")
          .functionCounter()).isNotNull().satisfies(misses -> assertThat(misses.count()).isPositive());
    });
  }

  @Test
  void a_token_store_without_caffeine_statistics_adds_no_token_cache_meters() {
    AccessTokenStore.Factory own = TokenKeeper.inProcess(Clock.systemUTC(), TokenPolicy.defaults());
    against(fake).withConfiguration(METRICS).withBean(AccessTokenStore.Factory.class, () -> own).run(context -> {
      context.getBean(QrCodeService.class).temporary(SceneValue.of(5), Duration.ofMinutes(5));
      MeterRegistry registry = context.getBean(MeterRegistry.class);

      assertThat(registry.find("cache.size").tag("cache", "wechatqr.access-token").gauge()).isNull();
      assertThat(registry.find("cache.size").tag("cache", "wechatqr.codes").gauge()).isNotNull();
    });
  }

  @Test
  void with_a_gateway_of_the_application_no_token_store_is_made_and_none_is_measured() {
    against(fake).withConfiguration(METRICS).withBean(QrCodeGateway.class, () -> new InMemoryQrCodeGateway(Clock.systemUTC()))
        .run(context -> {
          assertThat(context.getBean(AccessTokenState.class).store()).isEmpty();
          assertThat(context.getBean(MeterRegistry.class).find("cache.size").tag("cache", "wechatqr.access-token")
              .gauge()).isNull();
        });
  }

  @Test
  void without_micrometer_the_starter_runs_unmeasured() {
    against(fake).withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(MeterBinder.class);
      assertThat(context).doesNotHaveBean("wechatQrCodeGatewayMetrics");
    });
  }
}
