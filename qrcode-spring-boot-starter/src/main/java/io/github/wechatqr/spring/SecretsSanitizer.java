package io.github.wechatqr.spring;

import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the starter's secrets wherever the actuator shows property values ({@code configprops},
 * {@code env}), also when {@code show-values} is {@code always}. A value is masked when its key is one of
 * {@link SecretProperties} in any spelling, and whatever its key or property source when it holds a
 * configured secret: so {@code WECHAT_SECRET} in {@code systemEnvironment}, which {@code secret: ${WECHAT_SECRET}}
 * reads, is masked, and so is a command line or a {@code SPRING_APPLICATION_JSON} that carries one.
 */
final class SecretsSanitizer implements SanitizingFunction {
  private final Supplier<Set<String>> secrets;

  /** @param secrets the configured secrets, asked again for every value (the environment may change) */
  SecretsSanitizer(Supplier<Set<String>> secrets) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  @Override
  public SanitizableData apply(SanitizableData data) {
    Object value = data.getValue();
    if (value == null) {
      return data;
    }
    return SecretProperties.holdsSecret(data.getKey()) || holdsASecret(String.valueOf(value))
        ? data.withSanitizedValue() : data;
  }

  private boolean holdsASecret(String value) {
    for (String secret : secrets.get()) {
      if (value.contains(secret)) {
        return true;
      }
    }
    return false;
  }
}
