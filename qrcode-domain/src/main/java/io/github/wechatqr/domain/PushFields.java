package io.github.wechatqr.domain;

/** Small checks on the text fields of a push, kept out of {@link ScanEvent}'s shape. */
final class PushFields {
  private PushFields() {}

  static void requireText(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw new InvalidCallback("a scan push must carry " + field);
    }
  }

  /** True for the exact decimal form of a non-zero int, so that the text round-trips. */
  static boolean isCanonicalInt(String text) {
    if (text.isEmpty() || text.length() > 11) {
      return false;
    }
    try {
      int value = Integer.parseInt(text);
      return value != 0 && Integer.toString(value).equals(text);
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
