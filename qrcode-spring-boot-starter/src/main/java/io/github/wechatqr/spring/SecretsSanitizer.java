package io.github.wechatqr.spring;

import java.util.Locale;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the starter's secrets wherever the actuator shows property values ({@code configprops},
 * {@code env}), also when {@code show-values} is {@code always}: the AppSecret, the callback token, the
 * EncodingAESKey and the Redis URI (which may hold a password). Keys are compared in a canonical form, so
 * {@code wechat.qrcode.callback.encodingAesKey}, {@code ...encoding-aes-key} and
 * {@code WECHAT_QRCODE_CALLBACK_ENCODINGAESKEY} all match.
 */
final class SecretsSanitizer implements SanitizingFunction {
  private static final Set<String> SECRETS = Set.of("wechat.qrcode.secret", "wechat.qrcode.callback.token",
      "wechat.qrcode.callback.encodingaeskey", "wechat.qrcode.redis.uri");

  @Override
  public SanitizableData apply(SanitizableData data) {
    return data.getValue() != null && SECRETS.contains(canonical(data.getKey())) ? data.withSanitizedValue() : data;
  }

  static String canonical(String key) {
    return key == null ? "" : key.toLowerCase(Locale.ROOT).replace('_', '.').replace("-", "");
  }
}
