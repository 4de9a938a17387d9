package io.github.wechatqr.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class SecretsSanitizerTest {
  private static final String SECRET = "Sup3rS3cretValue0000000000000042";
  private static final SystemEnvironmentPropertySource VARIABLES = new SystemEnvironmentPropertySource(
      StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("WECHAT_SECRET", SECRET));
  private final Set<String> secrets = new CopyOnWriteArraySet<>(Set.of(SECRET));
  private final SecretsSanitizer sanitizer = new SecretsSanitizer(() -> secrets);

  @ParameterizedTest
  @ValueSource(strings = {"wechat.qrcode.secret", "wechat.qrcode.callback.token", "wechat.qrcode.callback.encodingAesKey",
      "wechat.qrcode.callback.encoding-aes-key", "WECHAT_QRCODE_CALLBACK_ENCODINGAESKEY", "WECHAT_QRCODE_SECRET",
      "wechat.qrcode.redis.uri", "wechat.qrcode.accounts.shop-a.secret"})
  void the_starters_secrets_are_masked_under_every_spelling_of_their_key(String key) {
    assertThat(sanitizer.apply(new SanitizableData(null, key, "not-a-known-secret")).getValue())
        .isEqualTo(SanitizableData.SANITIZED_VALUE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"WECHAT_SECRET", "billing.partner-key", "random.name"})
  void a_configured_secret_is_masked_under_any_key_and_in_any_source(String key) {
    assertThat(sanitizer.apply(new SanitizableData(VARIABLES, key, SECRET)).getValue())
        .isEqualTo(SanitizableData.SANITIZED_VALUE);
    assertThat(sanitizer.apply(new SanitizableData(null, key, SECRET)).getValue())
        .isEqualTo(SanitizableData.SANITIZED_VALUE);
  }

  @Test
  void a_value_that_carries_a_secret_is_masked_whole() {
    for (String value : new String[] {"app.jar --wechat.qrcode.secret=" + SECRET,
        "{\"wechat\":{\"qrcode\":{\"secret\":\"" + SECRET + "\"}}}"}) {
      assertThat(sanitizer.apply(new SanitizableData(null, "sun.java.command", value)).getValue())
          .isEqualTo(SanitizableData.SANITIZED_VALUE);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"wechat.qrcode.app-id", "wechat.qrcode.appId", "wechat.qrcode.callback.path",
      "wechat.qrcode.token.safety-margin", "other.secret", "wechat.qrcode.redis.key-prefix", "WECHAT_APP_ID"})
  void everything_else_is_left_to_the_actuators_own_rules(String key) {
    assertThat(sanitizer.apply(new SanitizableData(VARIABLES, key, "visible")).getValue()).isEqualTo("visible");
    assertThat(sanitizer.apply(new SanitizableData(VARIABLES, key, SECRET.substring(0, 20))).getValue())
        .as("a part of a secret reveals nothing").isEqualTo(SECRET.substring(0, 20));
  }

  @Test
  void the_secrets_are_read_again_for_every_value() {
    String rotated = "R0tatedSecret0000000000000000042";
    assertThat(sanitizer.apply(new SanitizableData(null, "copy", rotated)).getValue()).isEqualTo(rotated);

    secrets.add(rotated);

    assertThat(sanitizer.apply(new SanitizableData(null, "copy", rotated)).getValue())
        .isEqualTo(SanitizableData.SANITIZED_VALUE);
  }

  @Test
  void an_absent_value_stays_absent() {
    assertThat(sanitizer.apply(new SanitizableData(null, "wechat.qrcode.secret", null)).getValue()).isNull();
  }
}
