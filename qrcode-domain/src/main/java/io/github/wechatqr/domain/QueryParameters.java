package io.github.wechatqr.domain;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How WeChat's endpoints and a callback URL read a query string: form decoding (UTF-8 {@code %}-escapes,
 * {@code +} as a space, which is why an unencoded ticket's {@code +} is lost), the first of repeated names
 * wins, a name without {@code =} has an empty value. Kept here, once, for both ends of the wire: the
 * events adapter reads WeChat's pushes with it, the testkit's fake reads the gateway's calls with it.
 *
 * <pre>{@code
 * Map<String, String> query = QueryParameters.decode(uri.getRawQuery());
 * }</pre>
 */
public final class QueryParameters {
  private QueryParameters() {}

  /**
   * Decodes a raw query string.
   *
   * @param rawQuery the query as it came, still encoded; {@code null} for none
   * @return the parameters in order
   * @throws IllegalArgumentException on a malformed {@code %}-escape
   */
  public static Map<String, String> decode(String rawQuery) {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery == null) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.putIfAbsent(name, value);
    }
    return query;
  }
}
