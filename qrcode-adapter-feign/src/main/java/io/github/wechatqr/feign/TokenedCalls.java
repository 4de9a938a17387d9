package io.github.wechatqr.feign;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.AccessTokenRejected;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.port.AccessTokenStore;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a call that needs the access token. When WeChat says the token went stale (40001, 42001, 40014)
 * the token is invalidated in the store (only if still current there), a fresh one is taken and the call
 * runs once more; a second rejection is thrown. One refresh per call at most: no path loops.
 */
final class TokenedCalls {
  private static final Logger LOG = LoggerFactory.getLogger(TokenedCalls.class);

  private final AccessTokenStore store;
  private final TokenFetcher fetcher;

  TokenedCalls(AccessTokenStore store, TokenFetcher fetcher) {
    this.store = store;
    this.fetcher = fetcher;
  }

  /** @param call the call, given the token to send */
  <T> T call(Function<AccessToken, T> call) {
    AccessToken token = token(null);
    try {
      return call.apply(token);
    } catch (AccessTokenRejected rejected) {
      if (!rejected.stale()) {
        throw rejected;
      }
      LOG.info("WeChat rejected the access token (errcode {}); fetching a fresh one and retrying once",
          rejected.errcode());
      store.invalidate(token);
      AccessToken fresh = token(token);
      try {
        return call.apply(fresh);
      } catch (AccessTokenRejected again) {
        if (again.stale()) {
          store.invalidate(fresh); // so that the next call starts from a fresh token
        }
        throw again;
      }
    }
  }

  private AccessToken token(AccessToken rejected) {
    AccessToken token = store.get(() -> fetcher.fetch(rejected));
    if (token == null) {
      throw new UpstreamUnavailable("the access token store returned no token");
    }
    return token;
  }
}
