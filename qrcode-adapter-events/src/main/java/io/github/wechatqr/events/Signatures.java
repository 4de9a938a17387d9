package io.github.wechatqr.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * WeChat's callback signatures: lower-case hex SHA-1 of the parts sorted and joined with no separator,
 * {@code (token, timestamp, nonce)} for {@code signature}, plus the {@code Encrypt} value for
 * {@code msg_signature}.
 */
final class Signatures {
  private Signatures() {}

  /**
   * @param parts the parts, in any order
   * @return the signature in lower-case hex
   */
  static String sign(String... parts) {
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
   * Compares in constant time, so the time taken tells an attacker nothing about how many leading
   * characters of a forged signature were right.
   *
   * @param given the signature from the query, hex in either case
   * @param parts what it should sign
   * @return whether it does
   */
  static boolean matches(String given, String... parts) {
    byte[] expected = sign(parts).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
  }
}
