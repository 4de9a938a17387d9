package io.github.wechatqr.spring;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the starter's secrets wherever the actuator shows property values ({@code configprops},
 * {@code env}), also when {@code show-values} is {@code always}: the AppSecret, the callback token, the
 * EncodingAESKey and the Redis URI (which may hold a password), and each account's secret, callback token and
 * EncodingAESKey under {@code wechat.qrcode.accounts.<name>}. Keys are compared in a canonical form, so
 * {@code wechat.qrcode.callback.encodingAesKey}, {@code ...encoding-aes-key} and
 * {@code WECHAT_QRCODE_CALLBACK_ENCODINGAESKEY} all match.
 */
final class SecretsSanitizer implements SanitizingFunction {
  private static final Set<String> SECRETS = Set.of("wechat.qrcode.secret", "wechat.qrcode.callback.token",
      "wechat.qrcode.callback.encodingaeskey", "wechat.qrcode.redis.uri");
  /** The same secrets of each of several accounts, {@code wechat.qrcode.accounts.<name>.secret} and so on. */
  private static final Pattern ACCOUNT_SECRETS =
      Pattern.compile("wechat\\.qrcode\\.accounts\\..+\\.(secret|callback\\.token|callback\\.encodingaeskey)");

  @Override
  public SanitizableData apply(SanitizableData data) {
    if (data.getValue() == null) {
      return data;
    }
    String key = canonical(data.getKey());
    return SECRETS.contains(key) || ACCOUNT_SECRETS.matcher(key).matches() ? data.withSanitizedValue() : data;
  }

  static String canonical(String key) {
    return key == null ? "" : key.toLowerCase(Locale.ROOT).replace('_', '.').replace("-", "");
  }
}
