package io.github.wechatqr.spring;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * With the actuator: masks the starter's secrets in {@code configprops} and {@code env} (also with
 * {@code show-values=always}), by key and by value, on Spring Boot 3 and 4 alike (the type did not move). The
 * health contributor is configured per Boot line: {@link WeChatQrCodeBoot3HealthAutoConfiguration},
 * {@link WeChatQrCodeBoot4HealthAutoConfiguration}.
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
}
