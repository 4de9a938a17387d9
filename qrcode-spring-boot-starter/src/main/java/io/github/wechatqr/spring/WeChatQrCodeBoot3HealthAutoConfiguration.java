package io.github.wechatqr.spring;

import io.github.wechatqr.feign.FeignQrCodeGateway;
import java.time.Clock;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * On Spring Boot 3 with the actuator: the health contributor {@code wechatQrCode} ({@link WeChatQrCodeHealth}),
 * when the starter's own gateway runs (only it records the token's state);
 * {@code management.health.wechatqrcode.enabled=false} removes it. On Boot 4 the class it needs is absent and
 * {@link WeChatQrCodeBoot4HealthAutoConfiguration} takes over; the condition names the class as text, so this
 * one is skipped there without loading it.
 */
@AutoConfiguration(after = WeChatQrCodeAutoConfiguration.class)
@ConditionalOnClass(name = WeChatQrCodeBoot3HealthAutoConfiguration.HEALTH_INDICATOR)
@ConditionalOnEnabledHealthIndicator("wechatqrcode")
@ConditionalOnBean({FeignQrCodeGateway.class, AccessTokenState.class, WeChatQrCodeProperties.class})
public class WeChatQrCodeBoot3HealthAutoConfiguration {
  /** Where Spring Boot 3 keeps the health contributor type; Boot 4 moved it. */
  static final String HEALTH_INDICATOR = "org.springframework.boot.actuate.health.HealthIndicator";

  /** Used by Spring. */
  public WeChatQrCodeBoot3HealthAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean(name = "wechatQrCodeHealthIndicator")
  Boot3HealthIndicator wechatQrCodeHealthIndicator(AccessTokenState state, Clock clock,
      WeChatQrCodeProperties properties) {
    return new Boot3HealthIndicator(new WeChatQrCodeHealth(state, clock, properties));
  }
}
