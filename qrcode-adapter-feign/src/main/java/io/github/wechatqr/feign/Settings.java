package io.github.wechatqr.feign;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The validated connection settings of a gateway. {@link #toString()} never shows the secret.
 *
 * @param appId the account's appid
 * @param secret the account's secret
 * @param apiBase base of token, stable_token and create, without a trailing slash
 * @param mpBase base of showqrcode, without a trailing slash
 * @param connectTimeout the TCP connect timeout
 * @param readTimeout how long a complete answer (headers and body) may take once connected
 * @param tokenMode which call fetches tokens
 * @param maxConnections the most HTTP connections open at once, in all and per host
 * @param maxImageBytes the largest showqrcode answer accepted
 */
record Settings(String appId, String secret, String apiBase, String mpBase, Duration connectTimeout,
    Duration readTimeout, TokenMode tokenMode, int maxConnections, int maxImageBytes) {
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
  static final int DEFAULT_MAX_CONNECTIONS = 64;
  static final int MAX_CONNECTIONS = 1024;
  static final int DEFAULT_MAX_IMAGE_BYTES = 2 * 1024 * 1024;
  static final int MAX_IMAGE_BYTES = 64 * 1024 * 1024;

  /** Checks every field; messages never quote the secret. */
  Settings {
    credential("appId", appId);
    credential("secret", secret);
    apiBase = base("apiBase", apiBase);
    mpBase = base("mpBase", mpBase);
    timeout("connectTimeout", connectTimeout);
    timeout("readTimeout", readTimeout);
    Objects.requireNonNull(tokenMode, "tokenMode must not be null");
    range("maxConnections", maxConnections, 1, MAX_CONNECTIONS);
    range("maxImageBytes", maxImageBytes, 1, MAX_IMAGE_BYTES);
  }

  static void range(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", was " + value);
    }
  }

  static void credential(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must be set and non-blank");
    }
    if (!value.chars().allMatch(c -> c > ' ' && c < 0x7F)) {
      throw new IllegalArgumentException(name + " must be printable ASCII without spaces");
    }
  }

  /** @return the base as text without a trailing slash */
  static String base(String name, String value) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must be set");
    }
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      // the value is not quoted: a base with user info may hold a password
      throw new IllegalArgumentException(name + " must be a valid URI");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException(name + " must be an absolute http or https URI with a host");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(name + " must not carry user info, a query or a fragment");
    }
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }

  static void positive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  static void timeout(String name, Duration value) {
    positive(name, value);
    if (value.compareTo(MAX_TIMEOUT) > 0 || value.toMillis() == 0) {
      throw new IllegalArgumentException(name + " must be 1 ms .. " + MAX_TIMEOUT + ", was " + value);
    }
  }

  @Override
  public String toString() {
    return "Settings[appId=" + appId + ", secret=<redacted>, apiBase=" + apiBase + ", mpBase=" + mpBase
        + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", tokenMode=" + tokenMode
        + ", maxConnections=" + maxConnections + ", maxImageBytes=" + maxImageBytes + "]";
  }
}
