package io.github.wechatqr.domain.token;

import io.github.wechatqr.domain.AccessToken;

/**
 * Holds the access token of one account and fetches it through the {@link AccessTokenFetcher} it was made
 * with. Any number of concurrent callers of {@link #get()} cause at most one fetch at a time; a token is
 * handed out only while it is usable (the store's safety margin before the expiry taken into account).
 *
 * <p>An SPI between adapters: the gateway calls it, stores implement it (every rule through
 * {@link TokenKeeper}), and the testkit's {@code AccessTokenStoreContract} proves them.
 */
public interface AccessTokenStore {

  /**
   * Returns a usable access token, fetching one if none is held.
   *
   * @return a usable token, fetched if none is held
   * @throws io.github.wechatqr.domain.QrCodeException what the fetch failed with, or a refusal still
   *     remembered from an earlier fetch (see {@link TokenPolicy#failureBackoff()})
   */
  AccessToken get();

  /**
   * Records that WeChat rejected {@code stale}. If it is still the current token it is dropped, and the
   * next fetch, whoever causes it, is made with {@link RefreshReason#REJECTED} (a forced refresh). A late
   * report about an older token changes nothing, so it never throws away a newer one.
   *
   * @param stale the token WeChat rejected
   */
  void invalidate(AccessToken stale);

  /** Makes a store around the fetcher that a gateway hands it, once. */
  @FunctionalInterface
  interface Factory {
    /**
     * Creates a store that gets new tokens from {@code fetcher}.
     *
     * @param fetcher how the store gets a new token
     * @return the store
     */
    AccessTokenStore create(AccessTokenFetcher fetcher);
  }
}
