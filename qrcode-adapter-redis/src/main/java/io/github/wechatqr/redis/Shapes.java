package io.github.wechatqr.redis;

/**
 * The shapes of WeChat's values, generous enough for every value WeChat hands out and strict enough that
 * nothing else passes: no control character, no whitespace, no byte that would need care in a URL, a log
 * line or a terminal, and a bounded length. The stores write only values of these shapes and treat a stored
 * value of any other shape as absent (it was not written by them): a 10 MB "token" is never sent to WeChat,
 * a ticket with CR, LF or ESC never handed out.
 * <ul>
 *   <li>Access token: 1..{@value #LONGEST_TOKEN} characters of {@code A-Z a-z 0-9 - . _ ~ + / =} (the
 *       bearer-token alphabet of RFC 6750; WeChat's tokens are about 100..512 characters of
 *       {@code A-Z a-z 0-9 _ -}).</li>
 *   <li>Ticket: 1..{@value #LONGEST_TICKET} characters of {@code A-Z a-z 0-9 + / = _ -} (base64, plain or
 *       URL-safe; WeChat's are about 100).</li>
 *   <li>Content URL: {@code http://} or {@code https://} and then visible ASCII only ({@code !} to
 *       {@code ~}), {@value #LONGEST_URL} characters at most in all.</li>
 * </ul>
 * Each check answers {@code null} for a value of the shape, otherwise the reason, which names the length or
 * the offending character's code point but never quotes the value.
 */
final class Shapes {
  static final int LONGEST_TOKEN = 2048;
  static final int LONGEST_TICKET = 1024;
  static final int LONGEST_URL = 2048;
  private static final String TOKEN_RULE = "1.." + LONGEST_TOKEN + " characters of A-Z a-z 0-9 - . _ ~ + / =";
  private static final String TICKET_RULE = "1.." + LONGEST_TICKET + " characters of A-Z a-z 0-9 + / = _ -";
  private static final String URL_RULE = "http:// or https:// and visible ASCII, at most " + LONGEST_URL
      + " characters";

  private Shapes() {
  }

  /** @return null if {@code value} may be an access token, otherwise why not */
  static String token(String value) {
    if (value == null || value.isEmpty() || value.length() > LONGEST_TOKEN) {
      return length(value, TOKEN_RULE);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(alphanumeric(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=')) {
        return character(value, i, TOKEN_RULE);
      }
    }
    return null;
  }

  /** @return null if {@code value} may be a ticket, otherwise why not */
  static String ticket(String value) {
    if (value == null || value.isEmpty() || value.length() > LONGEST_TICKET) {
      return length(value, TICKET_RULE);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(alphanumeric(c) || c == '+' || c == '/' || c == '=' || c == '_' || c == '-')) {
        return character(value, i, TICKET_RULE);
      }
    }
    return null;
  }

  /** @return null if {@code value} may be a code's content URL, otherwise why not */
  static String url(String value) {
    if (value == null || value.length() > LONGEST_URL) {
      return length(value, URL_RULE);
    }
    int start = value.regionMatches(true, 0, "https://", 0, 8) ? 8
        : value.regionMatches(true, 0, "http://", 0, 7) ? 7 : -1;
    if (start < 0 || start == value.length()) {
      return "is no http:// or https:// URL (" + URL_RULE + ")";
    }
    for (int i = start; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '!' || c > '~') {
        return character(value, i, URL_RULE);
      }
    }
    return null;
  }

  private static boolean alphanumeric(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
  }

  private static String length(String value, String rule) {
    return "is not of WeChat's shape: " + (value == null ? "absent" : value.length() + " characters long")
        + " (" + rule + ")";
  }

  private static String character(String value, int index, String rule) {
    return "is not of WeChat's shape: U+" + String.format("%04X", value.codePointAt(index)) + " at index " + index
        + " (" + rule + ")";
  }
}
