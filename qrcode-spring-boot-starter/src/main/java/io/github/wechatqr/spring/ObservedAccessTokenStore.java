package io.github.wechatqr.spring;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.token.AccessTokenFetcher;
import io.github.wechatqr.domain.token.AccessTokenStore;
import java.util.Objects;

/**
 * Passes every call to the real store and tells {@link AccessTokenState} what happened: which token's expiry
 * was handed out, which one WeChat rejected. Fetches are recorded by the fetcher its {@link Factory} handed the
 * real store's factory. The token's value is never recorded.
 */
final class ObservedAccessTokenStore implements AccessTokenStore {
  private final AccessTokenStore delegate;
  private final AccessTokenState state;

  ObservedAccessTokenStore(AccessTokenStore delegate, AccessTokenState state) {
    this.delegate = delegate;
    this.state = state;
  }

  @Override
  public AccessToken get() {
    AccessToken token = delegate.get();
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

  /**
   * Makes the real store around a fetcher that records each fetch (on whatever thread the store runs it),
   * remembers that store in the state (the metrics bind a Caffeine store's statistics), and hands out the
   * observed store.
   */
  static final class Factory implements AccessTokenStore.Factory {
    private final AccessTokenStore.Factory delegate;
    private final AccessTokenState state;

    Factory(AccessTokenStore.Factory delegate, AccessTokenState state) {
      this.delegate = delegate;
      this.state = state;
    }

    @Override
    public AccessTokenStore create(AccessTokenFetcher fetcher) {
      Objects.requireNonNull(fetcher, "fetcher");
      AccessTokenStore made = Objects.requireNonNull(delegate.create(reason -> state.fetch(fetcher, reason)),
          () -> "the token store factory " + delegate + " made no store");
      state.created(made);
      return new ObservedAccessTokenStore(made, state);
    }

    @Override
    public String toString() {
      return "Observed" + delegate;
    }
  }
}
