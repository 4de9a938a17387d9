package io.github.wechatqr.spring;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.port.AccessTokenStore;
import java.util.function.Supplier;

/**
 * Passes every call to the real store and tells {@link AccessTokenState} what happened: which token's expiry
 * was handed out, whether the fetcher succeeded. The token's value is never recorded.
 */
final class ObservedAccessTokenStore implements AccessTokenStore {
  private final AccessTokenStore delegate;
  private final AccessTokenState state;

  ObservedAccessTokenStore(AccessTokenStore delegate, AccessTokenState state) {
    this.delegate = delegate;
    this.state = state;
  }

  @Override
  public AccessToken get(Supplier<AccessToken> fetcher) {
    AccessToken token = delegate.get(() -> state.fetch(fetcher));
    if (token != null) {
      state.handedOut(token);
    }
    return token;
  }

  @Override
  public void invalidate(AccessToken stale) {
    delegate.invalidate(stale);
    if (stale != null) {
      state.rejected(stale);
    }
  }

  @Override
  public String toString() {
    return "Observed" + delegate;
  }
}
