package io.github.wechatqr.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * WeChat's callback signature rule: the lower-case hex SHA-1 of the parts sorted and joined with no
 * separator; {@code (token, timestamp, nonce)} for {@code signature}, plus the {@code Encrypt} value for
 * {@code msg_signature}. Kept here, once, for both ends of a push: the receiving adapter checks it, the
 * testkit's fake signs with it; the published vectors in this module's tests are the check of both.
 *
 * <pre>{@code
 * String signature = CallbackSignature.of(token, timestamp, nonce);
 * boolean genuine = CallbackSignature.matches(query.get("signature"), token, timestamp, nonce);
 * }</pre>
 */
public final class CallbackSignature {
  private CallbackSignature() {}

  /**
   * Signs the parts as WeChat does.
   *
   * @param parts the parts, in any order
   * @return the signature in lower-case hex
   */
  public static String of(String... parts) {
    String[] sorted = parts.clone();
    Arrays.sort(sorted);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1")
          .digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }

  /**
   * Tells whether a signature signs the parts, in constant time, so the time taken tells an attacker
   * nothing about how many leading characters of a forged signature were right.
   *
   * @param given the signature from the query, hex in either case
   * @param parts what it should sign, in any order
   * @return whether it does
   */
  public static boolean matches(String given, String... parts) {
    byte[] expected = of(parts).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
  }
}
