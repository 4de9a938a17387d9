package io.github.wechatqr.domain.service;

import io.github.wechatqr.domain.QrCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides whether a stored, still valid temporary code may be handed out again instead of creating a new
 * one. Permanent codes are always reused and never consult the policy.
 */
@FunctionalInterface
public interface ReusePolicy {

  /**
   * Tells whether a stored temporary code may be handed out again for an equal request.
   *
   * @param stored a stored temporary code for an equal request
   * @param now the current instant
   * @return whether to hand it out
   */
  boolean reusable(QrCode stored, Instant now);

  /**
   * The default: reuse while at least half of the code's lifetime is left. Half of the lifetime WeChat
   * <em>granted</em>, which equals the requested one unless WeChat shortened it; measuring against the
   * request would then never reuse and create a code on every call.
   *
   * @return the default policy
   */
  static ReusePolicy halfLifetimeLeft() {
    return (stored, now) -> {
      Instant issued = stored.issuedAt();
      Instant expires = stored.expiresAt();
      try {
        // In nanoseconds while they fit a long (lifetimes up to 292 years): this runs on every cached hit.
        long granted = nanosBetween(issued, expires);
        long remaining = now.isBefore(expires) ? nanosBetween(now, expires) : 0;
        return remaining >= granted / 2;
      } catch (ArithmeticException beyondLong) {
        Duration granted = Duration.between(issued, expires);
        return stored.remainingAt(now).compareTo(granted.dividedBy(2)) >= 0;
      }
    };
  }

  private static long nanosBetween(Instant from, Instant to) {
    return Math.addExact(Math.multiplyExact(Math.subtractExact(to.getEpochSecond(), from.getEpochSecond()),
        1_000_000_000L), to.getNano() - from.getNano());
  }

  /**
   * Makes a policy that reuses a stored code while at least {@code minimum} of its lifetime is left.
   *
   * @param minimum how long a handed-out code must stay valid at least
   * @return a policy that reuses while {@code minimum} is left
   */
  static ReusePolicy atLeast(Duration minimum) {
    Objects.requireNonNull(minimum, "minimum");
    return (stored, now) -> stored.isValidAt(now) && stored.remainingAt(now).compareTo(minimum) >= 0;
  }

  /** Returns a policy that never reuses a temporary code: one create per call. */
  static ReusePolicy never() {
    return (stored, now) -> false;
  }
}
