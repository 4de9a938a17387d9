package io.github.wechatqr.spring;

import java.time.Clock;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * On Spring Boot 3 with the actuator: the health contributor {@code wechatQrCode} ({@link WeChatQrCodeHealth}),
 * reporting each account: with several accounts always, with the one account of {@code app-id} when the
 * starter's own gateway runs (only it records the token's state);
 * {@code management.health.wechatqrcode.enabled=false} removes it. On Boot 4 the class it needs is absent and
 * {@link WeChatQrCodeBoot4HealthAutoConfiguration} takes over; the condition names the class as text, so this
 * one is skipped there without loading it.
 */
@AutoConfiguration(after = WeChatQrCodeAutoConfiguration.class)
@ConditionalOnClass(name = WeChatQrCodeBoot3HealthAutoConfiguration.HEALTH_INDICATOR)
@ConditionalOnEnabledHealthIndicator("wechatqrcode")
@ConditionalOnBean(StarterAccounts.class)
@Conditional(HealthConditions.TokenObserved.class)
public class WeChatQrCodeBoot3HealthAutoConfiguration {
  /** Where Spring Boot 3 keeps the health contributor type; Boot 4 moved it. */
  static final String HEALTH_INDICATOR = "org.springframework.boot.actuate.health.HealthIndicator";

  /** Used by Spring. */
  public WeChatQrCodeBoot3HealthAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean(name = "wechatQrCodeHealthIndicator")
  Boot3HealthIndicator wechatQrCodeHealthIndicator(StarterAccounts accounts, Clock clock) {
    return new Boot3HealthIndicator(new WeChatQrCodeHealth(accounts, clock));
  }
}
