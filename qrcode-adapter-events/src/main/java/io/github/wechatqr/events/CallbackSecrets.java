package io.github.wechatqr.events;

import java.util.regex.Pattern;

/**
 * The rules of the callback's secrets, as the account's server settings on WeChat's side define them. Each
 * refusal names the option ({@code token}, {@code encodingAesKey}, {@code appId}) first, so a host can map it
 * to its own name for the setting, and describes the value (its length, a character class) without quoting it.
 */
final class CallbackSecrets {
  /** An EncodingAESKey is 43 characters of base64: 32 bytes once WeChat's missing {@code =} is added. */
  static final int AES_KEY_LENGTH = 43;
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9]{3,32}");
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]*");

  private CallbackSecrets() {}

  /** @throws IllegalArgumentException unless 3..32 letters or digits */
  static String token(String token) {
    if (token == null) {
      throw new IllegalArgumentException("token must be set: the Token of the account's server settings");
    }
    if (!TOKEN.matcher(token).matches()) {
      throw new IllegalArgumentException("token must be 3..32 letters or digits, like the Token of the account's"
          + " server settings; it has " + token.length() + " characters");
    }
    return token;
  }

  /** @throws IllegalArgumentException unless 43 characters of base64 */
  static String encodingAesKey(String key) {
    if (key == null) {
      throw new IllegalArgumentException("encodingAesKey must be set for safe or compatible mode");
    }
    if (key.length() != AES_KEY_LENGTH) {
      throw new IllegalArgumentException("encodingAesKey must be " + AES_KEY_LENGTH + " characters of base64, as"
          + " the account's server settings show it; it has " + key.length() + " characters");
    }
    if (!BASE64.matcher(key).matches()) {
      throw new IllegalArgumentException("encodingAesKey must be " + AES_KEY_LENGTH + " characters of base64"
          + " (A-Z a-z 0-9 + /); it holds other characters");
    }
    return key;
  }

  /** @throws IllegalArgumentException if blank: every encrypted message names the appid, which is checked */
  static String appId(String appId) {
    if (appId == null || appId.isBlank()) {
      throw new IllegalArgumentException("appId must be set with an encodingAesKey: every encrypted message"
          + " carries the account's appid, and it is checked");
    }
    return appId;
  }
}
