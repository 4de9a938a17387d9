package io.github.wechatqr.redis;

/**
 * Text that is safe to put into a log line or an exception message: every character that could end a log
 * line, forge one or drive a terminal (C0 and C1 controls such as CR, LF and ESC, DEL, format characters
 * such as bidirectional overrides, line and paragraph separators, lone surrogates, private-use and
 * unassigned code points) is written as {@code \\uXXXX}, and the text is cut after {@link #LONGEST}
 * characters with its length said. The stores quote no value read from Redis; this guards the keys they
 * name (which are printable by construction) and anything a caller handed in.
 */
final class Printable {
  /** How many characters of a value are shown at most: more than any key of these stores has. */
  static final int LONGEST = 1024;

  private Printable() {
  }

  /** @return {@code value} escaped and cut as the class says; {@code "null"} for null */
  static String of(String value) {
    if (value == null) {
      return "null";
    }
    if (value.length() <= LONGEST && value.codePoints().allMatch(Printable::printable)) {
      return value;
    }
    StringBuilder out = new StringBuilder(Math.min(value.length(), LONGEST) + 32);
    int end = Math.min(value.length(), LONGEST);
    for (int i = 0; i < end; ) {
      int c = value.codePointAt(i);
      int width = Character.charCount(c);
      if (i + width > end) {
        break; // never cut a pair in two
      }
      if (printable(c)) {
        out.appendCodePoint(c);
      } else {
        for (char unit : Character.toChars(c)) {
          out.append(String.format("\\u%04X", (int) unit));
        }
      }
      i += width;
    }
    if (value.length() > LONGEST) {
      out.append("...(").append(value.length()).append(" characters)");
    }
    return out.toString();
  }

  /** @return whether the code point may stand in a log line as it is */
  static boolean printable(int c) {
    switch (Character.getType(c)) {
      case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
          Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> {
        return false;
      }
      default -> {
        return true;
      }
    }
  }
}
