package io.github.wechatqr.cache;

import java.util.Arrays;

/**
 * The account and the request part of a {@link CompactCode}'s bytes as a map key: equal exactly when the
 * accounts and the requests are equal (same account, same scene kind and value, same lifetime). It shares the code's array, so an index entry costs
 * this one small object.
 */
final class RequestKey {
  private final byte[] data;

  RequestKey(byte[] data) {
    this.data = data;
  }

  /** Where the account ends and the ticket starts. */
  static int accountEnd(byte[] data) {
    Packed.Reader in = new Packed.Reader(data, 0);
    in.varint();
    return in.position();
  }

  /** Where the request part starts: after the account, the ticket and the url. */
  static int requestStart(byte[] data) {
    return new Packed.Reader(data, accountEnd(data)).skipText().skipText().position();
  }

  /** Where the request part ends: after the scene and the lifetime. */
  static int requestEnd(byte[] data) {
    Packed.Reader in = new Packed.Reader(data, requestStart(data));
    if (in.zigzag() == 0) {
      in.skipText();
    }
    in.varint();
    return in.position();
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof RequestKey that)) {
      return false;
    }
    return this == that || Arrays.equals(data, 0, accountEnd(data), that.data, 0, accountEnd(that.data))
        && Arrays.equals(data, requestStart(data), requestEnd(data),
            that.data, requestStart(that.data), requestEnd(that.data));
  }

  @Override
  public int hashCode() {
    return 31 * Packed.hash(data, 0, accountEnd(data)) + Packed.hash(data, requestStart(data), requestEnd(data));
  }

  @Override
  public String toString() {
    return "RequestKey[" + (requestEnd(data) - requestStart(data)) + " bytes]";
  }
}
