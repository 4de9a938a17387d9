package io.github.wechatqr.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.actuate.endpoint.SanitizableData;

class SecretsSanitizerTest {
  private final SecretsSanitizer sanitizer = new SecretsSanitizer();

  @ParameterizedTest
  @ValueSource(strings = {"wechat.qrcode.secret", "wechat.qrcode.callback.token", "wechat.qrcode.callback.encodingAesKey",
      "wechat.qrcode.callback.encoding-aes-key", "WECHAT_QRCODE_CALLBACK_ENCODINGAESKEY", "WECHAT_QRCODE_SECRET",
      "wechat.qrcode.redis.uri", "wechat.qrcode.accounts.shop-a.secret", "wechat.qrcode.accounts.shop-a.callback.token",
      "wechat.qrcode.accounts.shop-a.callback.encoding-aes-key", "WECHAT_QRCODE_ACCOUNTS_SHOPA_SECRET",
      "WECHAT_QRCODE_ACCOUNTS_SHOPA_CALLBACK_ENCODINGAESKEY"})
  void the_starters_secrets_are_masked_under_every_spelling_of_their_key(String key) {
    assertThat(sanitizer.apply(new SanitizableData(null, key, "s3cr3t")).getValue())
        .isEqualTo(SanitizableData.SANITIZED_VALUE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"wechat.qrcode.app-id", "wechat.qrcode.appId", "wechat.qrcode.callback.path",
      "wechat.qrcode.token.safety-margin", "other.secret", "wechat.qrcode.redis.key-prefix",
      "wechat.qrcode.accounts.shop-a.app-id", "wechat.qrcode.accounts.shop-a.callback.path", "wechat.qrcode.accounts.secret"})
  void everything_else_is_left_to_the_actuators_own_rules(String key) {
    assertThat(sanitizer.apply(new SanitizableData(null, key, "visible")).getValue()).isEqualTo("visible");
  }

  @Test
  void an_absent_value_stays_absent() {
    assertThat(sanitizer.apply(new SanitizableData(null, "wechat.qrcode.secret", null)).getValue()).isNull();
  }
}
