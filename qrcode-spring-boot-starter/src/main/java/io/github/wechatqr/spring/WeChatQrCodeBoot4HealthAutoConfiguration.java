package io.github.wechatqr.spring;

import io.github.wechatqr.feign.FeignQrCodeGateway;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * On Spring Boot 4 with the actuator (module spring-boot-health): the health contributor {@code wechatQrCode}
 * ({@link WeChatQrCodeHealth}), when the starter's own gateway runs (only it records the token's state);
 * {@code management.health.wechatqrcode.enabled=false} removes it. On Boot 3 the class it needs is absent and
 * {@link WeChatQrCodeBoot3HealthAutoConfiguration} takes over; the condition names the class as text, so this
 * one is skipped there without loading it.
 */
@AutoConfiguration(after = WeChatQrCodeAutoConfiguration.class)
@ConditionalOnClass(name = WeChatQrCodeBoot4HealthAutoConfiguration.HEALTH_INDICATOR)
@ConditionalOnEnabledHealthIndicator("wechatqrcode")
@ConditionalOnBean({FeignQrCodeGateway.class, AccessTokenState.class, WeChatQrCodeProperties.class})
public class WeChatQrCodeBoot4HealthAutoConfiguration {
  /** Where Spring Boot 4 keeps the health contributor type. */
  static final String HEALTH_INDICATOR = "org.springframework.boot.health.contributor.HealthIndicator";

  /** Used by Spring. */
  public WeChatQrCodeBoot4HealthAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean(name = "wechatQrCodeHealthIndicator")
  Boot4HealthIndicator wechatQrCodeHealthIndicator(AccessTokenState state, Clock clock,
      WeChatQrCodeProperties properties) {
    return new Boot4HealthIndicator(new WeChatQrCodeHealth(state, clock, properties));
  }
}
