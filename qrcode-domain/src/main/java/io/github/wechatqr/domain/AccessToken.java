package io.github.wechatqr.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An access token and the instant it stops working. {@link #toString()} never shows the value.
 *
 * @param value the token; a secret
 * @param expiresAt when WeChat stops accepting it
 */
public record AccessToken(String value, Instant expiresAt) {
  /** Checks presence. */
  public AccessToken {
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("an access token has a non-blank value");
    }
  }

  /**
   * Makes a token from WeChat's answer, its expiry counted from a reading taken before the call.
   *
   * @param value the token
   * @param issuedAt the clock's reading taken before the token call
   * @param expiresIn the {@code expires_in} WeChat returned
   * @return the token
   */
  public static AccessToken issued(String value, Instant issuedAt, Duration expiresIn) {
    return new AccessToken(value, issuedAt.plus(expiresIn));
  }

  /**
   * Tells whether the token may still be sent at {@code now}, {@code margin} before its expiry.
   *
   * @param now the instant to check
   * @param margin how long before the expiry the token already counts as spent
   * @return whether the token may still be sent at {@code now}
   */
  public boolean isUsableAt(Instant now, Duration margin) {
    return now.plus(margin).isBefore(expiresAt);
  }

  @Override
  public String toString() {
    return "AccessToken[value=<redacted>, expiresAt=" + expiresAt + "]";
  }
}
