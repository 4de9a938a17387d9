package io.github.wechatqr.redis;

import io.github.wechatqr.domain.AccessToken;
import java.util.Map;

/**
 * The access token's hash, layout v1: {@code v=1}, {@code value} (the token; a secret, never logged),
 * {@code expires_at} (ISO-8601). A value that is not of {@linkplain Shapes#token WeChat's shape} makes the
 * entry unreadable: it is never sent to WeChat.
 */
final class TokenLayout {
  static final String VALUE = "value";
  static final String EXPIRES_AT = "expires_at";

  private TokenLayout() {
  }

  static Map<String, String> write(AccessToken token) {
    Map<String, String> fields = Layout.versioned();
    fields.put(VALUE, token.value());
    fields.put(EXPIRES_AT, token.expiresAt().toString());
    return fields;
  }

  static AccessToken read(Map<String, String> fields) throws UnreadableEntry {
    Layout.checkVersion(fields);
    String value = Layout.required(fields, VALUE);
    if (value.isBlank()) {
      throw new UnreadableEntry("field 'value' is blank");
    }
    String misshapen = Shapes.token(value);
    if (misshapen != null) {
      throw new UnreadableEntry("field 'value' " + misshapen);
    }
    return new AccessToken(value, Layout.instant(fields, EXPIRES_AT));
  }
}
