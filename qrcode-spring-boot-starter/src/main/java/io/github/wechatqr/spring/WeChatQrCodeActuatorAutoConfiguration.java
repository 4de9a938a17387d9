package io.github.wechatqr.spring;

import io.github.wechatqr.feign.FeignQrCodeGateway;
import java.time.Clock;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * With the actuator: masks the starter's secrets in {@code configprops} and {@code env} (also with
 * {@code show-values=always}), by key and by value, and adds the health contributor {@code wechatQrCode},
 * which reports each account's access token without the token
 * ({@code management.health.wechatqrcode.enabled=false} removes it).
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

  /**
   * The health contributor, reporting each account: with several accounts always, with the one account of
   * {@code app-id} when the starter's own gateway runs (only it records the token's state).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  @ConditionalOnEnabledHealthIndicator("wechatqrcode")
  @ConditionalOnBean(StarterAccounts.class)
  @Conditional(HealthConfiguration.TokenObserved.class)
  static class HealthConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "wechatQrCodeHealthIndicator")
    HealthIndicator wechatQrCodeHealthIndicator(StarterAccounts accounts, Clock clock) {
      return new WeChatQrCodeHealthIndicator(accounts, clock);
    }

    /** Several accounts, or the starter's gateway for the one account of {@code app-id}. */
    static final class TokenObserved extends AnyNestedCondition {
      TokenObserved() {
        super(ConfigurationPhase.REGISTER_BEAN);
      }

      @ConditionalOnBean(FeignQrCodeGateway.class)
      interface StartersGateway {}

      @Conditional(AccountsCondition.Several.class)
      interface SeveralAccounts {}
    }
  }
}
