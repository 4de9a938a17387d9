package io.github.wechatqr.feign;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.token.AccessTokenFetcher;
import io.github.wechatqr.domain.token.RefreshReason;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches access tokens from WeChat in the configured {@link TokenMode}; the fetcher the gateway hands its
 * token store once. A fetch after a rejection is a forced refresh in STABLE mode. Never logs a token.
 */
final class TokenFetcher implements AccessTokenFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(TokenFetcher.class);

  private final Settings settings;
  private final WeChatApi api;
  private final RetryPolicy retry;
  private final Clock clock;
  private final GatewayMetrics metrics;

  TokenFetcher(Settings settings, WeChatApi api, RetryPolicy retry, Clock clock, GatewayMetrics metrics) {
    this.settings = settings;
    this.api = api;
    this.retry = retry;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * @param reason why the store fetches; {@link RefreshReason#REJECTED} forces a new token in STABLE mode
   *     (CLASSIC issues a new one on every call anyway)
   * @return a token stamped with the clock's reading taken before the call that granted it
   */
  @Override
  public AccessToken fetch(RefreshReason reason) {
    metrics.tokenRefreshed(reason.tag());
    Api call = settings.tokenMode() == TokenMode.CLASSIC ? Api.TOKEN : Api.STABLE_TOKEN;
    boolean force = call == Api.STABLE_TOKEN && reason == RefreshReason.REJECTED;
    Instant issuedAt = clock.instant();
    TokenAnswer.Grant grant = retry.call(call, () -> (call == Api.TOKEN
        ? api.token()
        : api.stableToken(StableTokenBody.of(settings.appId(), settings.secret(), force))).checked());
    AccessToken token = AccessToken.issued(grant.value(), issuedAt, grant.expiresIn());
    LOG.debug("fetched an access token with {}{} for appid {} ({}), valid until {}", call.call(),
        force ? " (force_refresh)" : "", settings.appId(), reason.tag(), token.expiresAt());
    return token;
  }
}
