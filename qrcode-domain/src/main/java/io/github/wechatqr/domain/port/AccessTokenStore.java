package io.github.wechatqr.domain.port;

import io.github.wechatqr.domain.AccessToken;
import java.util.function.Supplier;

/**
 * Holds the access token of one account. Single flight: any number of concurrent callers of
 * {@link #get(Supplier)} cause at most one call of the fetcher; a token is handed out only while it is
 * usable (the implementation's safety margin before the expiry taken into account).
 */
public interface AccessTokenStore {

  /**
   * @param fetcher calls WeChat for a new token; invoked only when no usable token is held, by one caller
   *     at a time. Its exception propagates to every caller waiting on that fetch and is not remembered:
   *     the next call tries again.
   * @return a usable token
   */
  AccessToken get(Supplier<AccessToken> fetcher);

  /**
   * Drops {@code stale} after WeChat rejected it, but only if it is still the current token, so that a
   * late report about an old token never throws away the newer one another caller already fetched.
   *
   * @param stale the token WeChat rejected
   */
  void invalidate(AccessToken stale);
}
