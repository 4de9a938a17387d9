package io.github.wechatqr.cli;

import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/**
 * The callback's secrets, shared by {@code event} and {@code callback}: from the command line or, better, from
 * the environment (a command line is visible to other users of the machine).
 */
final class CallbackSecrets {
  @Option(names = "--token", defaultValue = "${env:WECHAT_CALLBACK_TOKEN}", showDefaultValue = Visibility.NEVER,
      description = "The callback token (Token of the server settings; default: $WECHAT_CALLBACK_TOKEN). "
          + "Never printed.")
  String token;

  @Option(names = "--aes-key", paramLabel = "K", defaultValue = "${env:WECHAT_AES_KEY}",
      showDefaultValue = Visibility.NEVER,
      description = "The EncodingAESKey, for safe or compatible mode (default: $WECHAT_AES_KEY; none: plain "
          + "mode). Never printed.")
  String aesKey;

  /** @return the callback token, or {@code null} when none was given (an empty value counts as none) */
  String token() {
    return blankToNull(token);
  }

  /**
   * @param wechat the appid the key's ciphertexts must name
   * @return the AES key, or {@code null} for plain mode (an empty value counts as none)
   * @throws IllegalArgumentException when there is a key but no appid
   */
  String aesKey(WeChatOptions wechat) {
    String key = blankToNull(aesKey);
    if (key != null && (wechat.appId == null || wechat.appId.isBlank())) {
      throw new IllegalArgumentException("--aes-key needs --appid (the appid inside the ciphertext is checked); "
          + "they default to $WECHAT_AES_KEY and $WECHAT_APPID");
    }
    return key;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
