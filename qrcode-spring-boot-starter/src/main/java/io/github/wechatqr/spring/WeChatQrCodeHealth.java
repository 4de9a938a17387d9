package io.github.wechatqr.spring;

import io.github.wechatqr.spring.AccessTokenState.RefreshFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the health contributor {@code wechatQrCode} reports, computed without any Spring Boot type, so each Boot
 * line's adapter ({@link Boot3HealthIndicator}, {@link Boot4HealthIndicator}) only turns it into that line's
 * {@code Health}: {@code UP} while the token last handed out is valid, {@code DOWN} when none is and the last
 * fetch failed (with the failure's type, errcode and message), {@code UNKNOWN} before the first token or after
 * an idle expiry (the next call fetches one). Reading it never calls WeChat, so probes cost no quota.
 */
final class WeChatQrCodeHealth {
  private final AccessTokenState state;
  private final Clock clock;
  private final String appId;
  private final String tokenMode;

  WeChatQrCodeHealth(AccessTokenState state, Clock clock, WeChatQrCodeProperties properties) {
    this.state = state;
    this.clock = clock;
    this.appId = properties.getAppId();
    this.tokenMode = String.valueOf(properties.getTokenMode()).toLowerCase(Locale.ROOT);
  }

  /** A status under the code Spring Boot gives it ({@code UP}, {@code DOWN}, {@code UNKNOWN}). */
  enum Status { UP, DOWN, UNKNOWN }

  /** The status and the details, in the order they are shown; the details never hold the token. */
  record Report(Status status, Map<String, Object> details) {
    Report {
      details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
  }

  /** @return the token's state now, read from what the token store recorded */
  Report report() {
    Instant now = clock.instant();
    Optional<RefreshFailure> failure = state.lastFailure();
    Map<String, Object> details = new LinkedHashMap<>();
    Status status;
    if (state.holdsValidTokenAt(now)) {
      status = Status.UP;
    } else if (failure.isPresent()) {
      status = Status.DOWN;
    } else {
      status = Status.UNKNOWN;
      details.put("token", state.validUntil().isPresent() ? "expired; the next call fetches one" : "none fetched yet");
    }
    details.put("appId", appId);
    details.put("tokenMode", tokenMode);
    state.validUntil().ifPresent(until -> details.put("tokenValidUntil", until.toString()));
    state.lastRefresh().ifPresent(at -> details.put("lastRefresh", at.toString()));
    failure.ifPresent(f -> details.put("lastRefreshError", describe(f)));
    return new Report(status, details);
  }

  private static Map<String, Object> describe(RefreshFailure failure) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("at", failure.at().toString());
    details.put("error", failure.error());
    if (failure.errcode() != null) {
      details.put("errcode", failure.errcode());
    }
    if (!failure.message().isEmpty()) {
      details.put("message", failure.message());
    }
    return details;
  }
}
