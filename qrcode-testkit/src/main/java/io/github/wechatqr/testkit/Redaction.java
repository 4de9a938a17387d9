package io.github.wechatqr.testkit;

import java.util.regex.Pattern;

/** Hides access tokens and secrets in query strings and JSON bodies. */
final class Redaction {
  private static final Pattern QUERY = Pattern.compile("((?:^|&)(?:access_token|secret)=)[^&]*");
  private static final Pattern JSON =
      Pattern.compile("(\"(?:access_token|secret)\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*\"");

  private Redaction() {}

  static String query(String rawQuery) {
    return QUERY.matcher(rawQuery).replaceAll("$1<redacted>");
  }

  static String json(String body) {
    return JSON.matcher(body).replaceAll("$1<redacted>\"");
  }
}
