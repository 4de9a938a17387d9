package io.github.wechatqr.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * The SHA-256 of a few texts, as four longs: what this module remembers of a push or a request, so that
 * memory per entry stays the same however long the texts a client sends. Each part is prefixed with its
 * length (and {@code null} told apart from empty), so no two lists of parts share a fingerprint by
 * concatenation.
 *
 * @param a bits 0..63
 * @param b bits 64..127
 * @param c bits 128..191
 * @param d bits 192..255
 */
record Fingerprint(long a, long b, long c, long d) {

  /**
   * @param parts the texts, in order; any may be {@code null}
   * @return their fingerprint
   */
  static Fingerprint of(String... parts) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    ByteBuffer length = ByteBuffer.allocate(4);
    for (String part : parts) {
      byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
      sha256.update(length.clear().putInt(part == null ? -1 : bytes.length).array());
      sha256.update(bytes);
    }
    ByteBuffer digest = ByteBuffer.wrap(sha256.digest());
    return new Fingerprint(digest.getLong(), digest.getLong(), digest.getLong(), digest.getLong());
  }

  /** @return the 256 bits as 64 lower-case hex digits, for a ledger shared with other instances */
  String hex() {
    return String.format("%016x%016x%016x%016x", a, b, c, d);
  }
}
