package io.github.wechatqr.spring;

import io.github.wechatqr.spring.AccessTokenState.RefreshFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Reports the access token without showing it: {@code UP} while the token last handed out is valid,
 * {@code DOWN} when none is and the last fetch failed (with the failure's type, errcode and message),
 * {@code UNKNOWN} before the first token or after an idle expiry (the next call fetches one). Reading it
 * never calls WeChat, so probes cost no quota.
 */
final class WeChatQrCodeHealthIndicator implements HealthIndicator {
  private final AccessTokenState state;
  private final Clock clock;
  private final String appId;
  private final String tokenMode;

  WeChatQrCodeHealthIndicator(AccessTokenState state, Clock clock, WeChatQrCodeProperties properties) {
    this.state = state;
    this.clock = clock;
    this.appId = properties.getAppId();
    this.tokenMode = String.valueOf(properties.getTokenMode()).toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public Health health() {
    Instant now = clock.instant();
    Optional<RefreshFailure> failure = state.lastFailure();
    Health.Builder health;
    if (state.holdsValidTokenAt(now)) {
      health = Health.up();
    } else if (failure.isPresent()) {
      health = Health.down();
    } else {
      health = Health.unknown().withDetail("token", state.validUntil().isPresent()
          ? "expired; the next call fetches one" : "none fetched yet");
    }
    health.withDetail("appId", appId).withDetail("tokenMode", tokenMode);
    state.validUntil().ifPresent(until -> health.withDetail("tokenValidUntil", until.toString()));
    state.lastRefresh().ifPresent(at -> health.withDetail("lastRefresh", at.toString()));
    failure.ifPresent(f -> health.withDetail("lastRefreshError", describe(f)));
    return health.build();
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
