package io.github.wechatqr.domain.token;

import java.time.Duration;
import java.util.Objects;

/**
 * The durations every access-token store keeps, named so that none can be confused with another.
 *
 * <pre>{@code
 * TokenPolicy policy = TokenPolicy.builder()
 *     .safetyMargin(Duration.ofMinutes(1))   // no longer handed out in its last minute
 *     .refreshAhead(Duration.ofMinutes(5))   // refreshed in the background from 5 minutes before expiry
 *     .build();
 * }</pre>
 *
 * @param safetyMargin how long before its expiry a token is no longer handed out (0 .. 4 min: {@code
 *     stable_token} hands out a new token only in the last 5 minutes of the old one, so a longer margin
 *     would leave no usable token for a while)
 * @param refreshAhead how long before its expiry a background refresh starts; always longer than the
 *     safety margin, so refresh-ahead cannot be switched off by accident (at most 60 min: tokens live 2 h;
 *     with {@code stable_token}, a refresh earlier than 5 minutes ahead brings the same token back and is
 *     tried again after the retry delay)
 * @param retryDelay how long after a failed (or fruitless) background refresh the next one may start
 *     (1 ms .. 10 min)
 * @param failureBackoff how long a refusal of the token call (a wrong secret, an IP not whitelisted, the
 *     daily quota) is remembered and thrown again without a call (0 .. 1 h; 0 remembers nothing)
 */
public record TokenPolicy(Duration safetyMargin, Duration refreshAhead, Duration retryDelay,
    Duration failureBackoff) {
  /** One minute: a token is not sent in its last minute, whatever the clocks' skew. */
  public static final Duration DEFAULT_SAFETY_MARGIN = Duration.ofMinutes(1);
  /** Five minutes, the window in which {@code stable_token} hands out a new token. */
  public static final Duration DEFAULT_REFRESH_AHEAD = Duration.ofMinutes(5);
  /** Fifteen seconds between background refresh attempts. */
  public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(15);
  /** Thirty seconds: a wrong secret costs one token call per 30 s, not one per request. */
  public static final Duration DEFAULT_FAILURE_BACKOFF = Duration.ofSeconds(30);
  private static final Duration MAX_SAFETY_MARGIN = Duration.ofMinutes(4);
  private static final Duration MAX_REFRESH_AHEAD = Duration.ofMinutes(60);
  private static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(10);
  private static final Duration MAX_FAILURE_BACKOFF = Duration.ofHours(1);

  /** Checks every duration; the message names the offending one. */
  public TokenPolicy {
    within("safetyMargin", safetyMargin, Duration.ZERO, MAX_SAFETY_MARGIN);
    within("refreshAhead", refreshAhead, Duration.ZERO, MAX_REFRESH_AHEAD);
    within("retryDelay", retryDelay, Duration.ofMillis(1), MAX_RETRY_DELAY);
    within("failureBackoff", failureBackoff, Duration.ZERO, MAX_FAILURE_BACKOFF);
    if (refreshAhead.compareTo(safetyMargin) <= 0) {
      throw new IllegalArgumentException("refreshAhead (" + refreshAhead + ") must be longer than safetyMargin ("
          + safetyMargin + "), or no token would ever be refreshed ahead of its expiry");
    }
  }

  /** Returns the defaults: 1 min margin, 5 min refresh-ahead, 15 s retry delay, 30 s failure back-off. */
  public static TokenPolicy defaults() {
    return builder().build();
  }

  /** Returns a builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  private static void within(String name, Duration value, Duration min, Duration max) {
    Objects.requireNonNull(value, name);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " must be " + min + " .. " + max + ", was " + value);
    }
  }

  /** Builds a {@link TokenPolicy}; every duration is named, the checks run in {@link #build()}. */
  public static final class Builder {
    private Duration safetyMargin = DEFAULT_SAFETY_MARGIN;
    private Duration refreshAhead = DEFAULT_REFRESH_AHEAD;
    private Duration retryDelay = DEFAULT_RETRY_DELAY;
    private Duration failureBackoff = DEFAULT_FAILURE_BACKOFF;

    private Builder() {}

    /**
     * Sets how long before its expiry a token is no longer handed out.
     *
     * @param safetyMargin how long before its expiry a token is no longer handed out
     * @return this builder
     */
    public Builder safetyMargin(Duration safetyMargin) {
      this.safetyMargin = safetyMargin;
      return this;
    }

    /**
     * Sets how long before its expiry a background refresh starts.
     *
     * @param refreshAhead how long before its expiry a background refresh starts
     * @return this builder
     */
    public Builder refreshAhead(Duration refreshAhead) {
      this.refreshAhead = refreshAhead;
      return this;
    }

    /**
     * Sets how long after a failed background refresh the next one may start.
     *
     * @param retryDelay how long after a failed background refresh the next one may start
     * @return this builder
     */
    public Builder retryDelay(Duration retryDelay) {
      this.retryDelay = retryDelay;
      return this;
    }

    /**
     * Sets how long a refusal of the token call is remembered.
     *
     * @param failureBackoff how long a refusal of the token call is remembered
     * @return this builder
     */
    public Builder failureBackoff(Duration failureBackoff) {
      this.failureBackoff = failureBackoff;
      return this;
    }

    /**
     * Builds the policy, checking each duration and how they relate.
     *
     * @return the policy
     * @throws IllegalArgumentException naming the duration out of its range, or if {@code refreshAhead}
     *     is not longer than {@code safetyMargin}
     * @throws NullPointerException naming a duration set to {@code null}
     */
    public TokenPolicy build() {
      return new TokenPolicy(safetyMargin, refreshAhead, retryDelay, failureBackoff);
    }
  }
}
