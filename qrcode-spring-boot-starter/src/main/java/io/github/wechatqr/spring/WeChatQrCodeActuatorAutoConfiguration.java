package io.github.wechatqr.spring;

import io.github.wechatqr.feign.FeignQrCodeGateway;
import java.time.Clock;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * With the actuator: masks the starter's secrets in {@code configprops} and {@code env} (also with
 * {@code show-values=always}), by key and by value, and adds the health contributor {@code wechatQrCode}, which reports the
 * access token's state without the token ({@code management.health.wechatqrcode.enabled=false} removes it).
 */
@AutoConfiguration(after = WeChatQrCodeAutoConfiguration.class)
@ConditionalOnClass(SanitizingFunction.class)
public class WeChatQrCodeActuatorAutoConfiguration {

  /** Used by Spring. */
  public WeChatQrCodeActuatorAutoConfiguration() {}

  /**
   * Masks the secrets in the actuator's output: the secret, the callback token, the EncodingAESKey and the
   * Redis URI under any key that holds one, and any value that holds one of them, whatever its key or source.
   *
   * @param environment where the secrets are configured
   * @return the sanitizing function
   */
  @Bean
  @ConditionalOnMissingBean(name = "wechatQrCodeSanitizingFunction")
  public SanitizingFunction wechatQrCodeSanitizingFunction(Environment environment) {
    return new SecretsSanitizer(() -> SecretProperties.values(environment));
  }

  /** The health contributor, when the starter's own gateway runs (only it records the token's state). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  @ConditionalOnEnabledHealthIndicator("wechatqrcode")
  @ConditionalOnBean({FeignQrCodeGateway.class, AccessTokenState.class, WeChatQrCodeProperties.class})
  static class HealthConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "wechatQrCodeHealthIndicator")
    HealthIndicator wechatQrCodeHealthIndicator(AccessTokenState state, Clock clock, WeChatQrCodeProperties properties) {
      return new WeChatQrCodeHealthIndicator(state, clock, properties);
    }
  }
}
