package io.github.wechatqr.spring;

import static io.github.wechatqr.spring.StarterContexts.AES_KEY;
import static io.github.wechatqr.spring.StarterContexts.APP_ID;
import static io.github.wechatqr.spring.StarterContexts.CALLBACK_TOKEN;
import static io.github.wechatqr.spring.StarterContexts.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wechatqr.domain.CredentialsRejected;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.port.QrCodeGateway;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class WeChatQrCodeActuatorAutoConfigurationTest {
  private static final String REDIS_PASSWORD = "r3disPa55";
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(WeChatQrCodeAutoConfiguration.class,
          WeChatQrCodeActuatorAutoConfiguration.class, BootLine.HEALTH_AUTO_CONFIGURATION))
      .withPropertyValues("wechat.qrcode.app-id=" + APP_ID, "wechat.qrcode.secret=" + SECRET);

  @Test
  void configprops_and_env_mask_the_secrets_even_with_show_values_always() {
    runner.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class,
            ConfigurationPropertiesReportEndpointAutoConfiguration.class, EnvironmentEndpointAutoConfiguration.class))
        .withPropertyValues("management.endpoints.web.exposure.include=configprops,env",
            "management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always",
            "wechat.qrcode.callback.token=" + CALLBACK_TOKEN, "wechat.qrcode.callback.encoding-aes-key=" + AES_KEY,
            "wechat.qrcode.redis.uri=redis://:" + REDIS_PASSWORD + "@127.0.0.1:6379")
        .run(context -> {
          ObjectMapper json = new ObjectMapper().findAndRegisterModules();
          String configprops = json.writeValueAsString(
              context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
          String env = json.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));

          assertThat(configprops).contains(APP_ID).contains("\"secret\":\"******\"")
              .contains("\"encodingAesKey\":\"******\"");
          for (String page : new String[] {configprops, env}) {
            assertThat(page).contains("******").doesNotContain(SECRET).doesNotContain(CALLBACK_TOKEN)
                .doesNotContain(AES_KEY).doesNotContain(REDIS_PASSWORD);
          }
        });
  }

  @Test
  void the_health_indicator_is_up_once_a_token_is_held() {
    try (FakeWeChatServer fake = FakeWeChatServer.start()) {
      withFake(fake).run(context -> {
        assertThat(BootLine.health(context, "wechatQrCodeHealthIndicator").status()).isEqualTo("UNKNOWN");

        context.getBean(QrCodeService.class).temporary(SceneValue.of(1), Duration.ofMinutes(5));

        assertThat(BootLine.health(context, "wechatQrCodeHealthIndicator").status()).isEqualTo("UP");
      });
    }
  }

  @Test
  void the_health_indicator_is_down_with_the_errcode_when_wechat_refuses_the_credentials() {
    try (FakeWeChatServer fake = FakeWeChatServer.start()) {
      fake.failNext(FakeWeChatServer.STABLE_TOKEN, 40125, 1);
      withFake(fake).run(context -> {
        assertThatThrownBy(() -> context.getBean(QrCodeService.class).temporary(SceneValue.of(1), Duration.ofMinutes(5)))
            .isInstanceOf(CredentialsRejected.class);

        HealthView health = BootLine.health(context, "wechatQrCodeHealthIndicator");

        assertThat(health.status()).isEqualTo("DOWN");
        assertThat(health.details().toString()).contains("errcode=40125").contains("CredentialsRejected")
            .doesNotContain(fake.secret());
      });
    }
  }

  private ApplicationContextRunner withFake(FakeWeChatServer fake) {
    return runner.withPropertyValues("wechat.qrcode.app-id=" + fake.appId(), "wechat.qrcode.secret=" + fake.secret(),
        "wechat.qrcode.api-base=" + fake.baseUri(), "wechat.qrcode.mp-base=" + fake.baseUri(),
        "wechat.qrcode.retry.max-attempts=1");
  }

  @Test
  void the_health_indicator_can_be_switched_off() {
    runner.withPropertyValues("management.health.wechatqrcode.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("wechatQrCodeHealthIndicator"));
  }

  @Test
  void with_a_gateway_of_the_application_there_is_no_token_to_report() {
    runner.withBean(QrCodeGateway.class, () -> new InMemoryQrCodeGateway(Clock.systemUTC())).run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean("wechatQrCodeHealthIndicator");
      assertThat(context).hasSingleBean(SanitizingFunction.class);
    });
  }

  @Test
  void without_the_actuator_on_the_class_path_the_starter_still_starts() {
    runner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class, BootLine.HEALTH_INDICATOR)).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(QrCodeService.class);
      assertThat(context).doesNotHaveBean(SanitizingFunction.class).doesNotHaveBean("wechatQrCodeHealthIndicator");
    });
  }
}
