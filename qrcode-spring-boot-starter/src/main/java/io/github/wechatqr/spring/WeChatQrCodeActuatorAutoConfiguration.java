package io.github.wechatqr.spring;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * With the actuator: masks the starter's secrets in {@code configprops} and {@code env} (also with
 * {@code show-values=always}), on Spring Boot 3 and 4 alike (the type did not move). The health contributor is
 * configured per Boot line: {@link WeChatQrCodeBoot3HealthAutoConfiguration}, {@link WeChatQrCodeBoot4HealthAutoConfiguration}.
 */
@AutoConfiguration(after = WeChatQrCodeAutoConfiguration.class)
@ConditionalOnClass(SanitizingFunction.class)
public class WeChatQrCodeActuatorAutoConfiguration {

  /** Used by Spring. */
  public WeChatQrCodeActuatorAutoConfiguration() {}

  /** Masks the secret, the callback token, the EncodingAESKey and the Redis URI in the actuator's output. */
  @Bean
  @ConditionalOnMissingBean(name = "wechatQrCodeSanitizingFunction")
  public SanitizingFunction wechatQrCodeSanitizingFunction() {
    return new SecretsSanitizer();
  }
}
