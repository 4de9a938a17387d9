package io.github.wechatqr.feign;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Masks credentials in text about to be logged or put into an exception message: the values of
 * {@code access_token} and {@code secret}, in a query ({@code secret=...}) and in JSON
 * ({@code "secret":"..."}), and any literal credential the caller knows of. Plain {@code indexOf} scans,
 * no regular expressions; text without a credential comes back as the same instance.
 */
final class Redaction {
  /** What a masked value reads as. */
  static final String MASK = "<redacted>";
  /** What the HTTP client's own request line shows in place of a credential (URI-safe). */
  static final String PLACEHOLDER = "REDACTED";

  private static final String[] NAMES = {"access_token", "secret"};

  private Redaction() {}

  /**
   * @param text any text, e.g. a log line or a URL; {@code null} stays {@code null}
   * @return the text with the value of every {@code access_token}/{@code secret} query parameter or JSON
   *     field replaced by {@value #MASK}
   */
  static String text(String text) {
    if (text == null) {
      return null;
    }
    String masked = text;
    for (String name : NAMES) {
      masked = query(masked, name, MASK);
      masked = json(masked, name);
    }
    return masked;
  }

  /**
   * The part of a URL the HTTP client may see: credential values in the query replaced by
   * {@value #PLACEHOLDER}.
   *
   * @param target a request target (path and query)
   * @return the same instance when it holds no credential
   */
  static String placeholders(String target) {
    int query = target.indexOf('?');
    if (query < 0) {
      return target;
    }
    String shown = target;
    for (String name : NAMES) {
      shown = query(shown, name, PLACEHOLDER);
    }
    return shown;
  }

  /**
   * An errmsg as WeChat sent it, made fit for a message or a log line: every literal credential (and its
   * URL-encoded form) masked, then whatever {@link #text} masks.
   *
   * @param errmsg the upstream text
   * @param credentials the secret and the access token of the request; {@code null}s are skipped
   * @return the masked text
   */
  static String errmsg(String errmsg, String... credentials) {
    if (errmsg == null) {
      return null;
    }
    String masked = errmsg;
    for (String credential : credentials) {
      if (credential != null && !credential.isEmpty()) {
        masked = masked.replace(credential, MASK);
        masked = masked.replace(URLEncoder.encode(credential, StandardCharsets.UTF_8), MASK);
      }
    }
    return text(masked);
  }

  /** {@code name=value}: the value ends at {@code &}, whitespace, a quote or one of {@code #,;)>}. */
  private static String query(String text, String name, String replacement) {
    String key = name + "=";
    int at = text.indexOf(key);
    if (at < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    while (at >= 0) {
      int start = at + key.length();
      int masked = start + replacement.length();
      if (text.startsWith(replacement, start) && (masked == text.length() || endsQueryValue(text.charAt(masked)))) {
        at = text.indexOf(key, masked); // masked already
        continue;
      }
      int end = start;
      while (end < text.length() && !endsQueryValue(text.charAt(end))) {
        end++;
      }
      out.append(text, copied, start).append(replacement);
      copied = end;
      at = text.indexOf(key, end);
    }
    return copied == 0 ? text : out.append(text, copied, text.length()).toString();
  }

  private static boolean endsQueryValue(char c) {
    return c == '&' || c == '"' || c == '\'' || c == '#' || c == ',' || c == ';' || c == ')' || c == '>'
        || Character.isWhitespace(c);
  }

  /** {@code "name" : "value"}: the value ends at the next unescaped quote. */
  private static String json(String text, String name) {
    String key = "\"" + name + "\"";
    int at = text.indexOf(key);
    if (at < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    while (at >= 0) {
      int i = skipSpaces(text, at + key.length());
      int next = at + key.length();
      if (i < text.length() && text.charAt(i) == ':') {
        i = skipSpaces(text, i + 1);
        if (i < text.length() && text.charAt(i) == '"') {
          int start = i + 1;
          int end = start;
          while (end < text.length() && text.charAt(end) != '"') {
            end += text.charAt(end) == '\\' ? 2 : 1;
          }
          end = Math.min(end, text.length());
          if (!text.regionMatches(start, MASK, 0, MASK.length()) || end != start + MASK.length()) {
            out.append(text, copied, start).append(MASK);
            copied = end;
          }
          next = end;
        }
      }
      at = text.indexOf(key, next);
    }
    return copied == 0 ? text : out.append(text, copied, text.length()).toString();
  }

  private static int skipSpaces(String text, int from) {
    int i = from;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
