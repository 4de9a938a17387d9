package io.github.wechatqr.feign;

import io.github.wechatqr.domain.AccessToken;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fetches access tokens from WeChat in the configured {@link TokenMode}; never logs their value. */
final class TokenFetcher {
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
   * @param rejected the token WeChat just refused, or {@code null} when none is usable any more
   * @return a token stamped with the clock's reading taken before the call that granted it
   */
  AccessToken fetch(AccessToken rejected) {
    metrics.tokenRefreshed(rejected == null ? "due" : "rejected");
    if (settings.tokenMode() == TokenMode.CLASSIC) {
      return fetched(Api.TOKEN, false);
    }
    AccessToken token = fetched(Api.STABLE_TOKEN, false);
    if (rejected != null && token.value().equals(rejected.value())) {
      // stable_token keeps handing out a token while it thinks it valid; WeChat said otherwise.
      LOG.info("stable_token returned the token WeChat just rejected; forcing a refresh");
      token = fetched(Api.STABLE_TOKEN, true);
    }
    return token;
  }

  private AccessToken fetched(Api call, boolean force) {
    Instant issuedAt = clock.instant();
    TokenAnswer.Grant grant = retry.call(call, () -> (call == Api.TOKEN
        ? api.token()
        : api.stableToken(StableTokenBody.of(settings.appId(), settings.secret(), force))).checked());
    AccessToken token = AccessToken.issued(grant.value(), issuedAt, grant.expiresIn());
    LOG.debug("fetched an access token with {} for appid {}, valid until {}", call.call(), settings.appId(),
        token.expiresAt());
    return token;
  }
}
