package io.github.wechatqr.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.port.AccessTokenStore;
import io.github.wechatqr.testkit.AccessTokenStoreContract;
import io.github.wechatqr.testkit.InMemoryAccessTokenStore;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Observing a store changes none of its guarantees (the contract kit), nor what a broken store hands back. */
class ObservedAccessTokenStoreTest extends AccessTokenStoreContract {
  @Override
  protected AccessTokenStore createStore(Clock clock, Duration safetyMargin) {
    return new AccessTokenState(clock).observe(new InMemoryAccessTokenStore(clock, safetyMargin));
  }

  @Test
  void a_store_that_returns_no_token_is_passed_through_for_the_gateway_to_refuse() {
    AccessTokenState state = new AccessTokenState(clock);
    AccessTokenStore broken = new AccessTokenStore() {
      @Override
      public AccessToken get(Supplier<AccessToken> fetcher) {
        return null;
      }

      @Override
      public void invalidate(AccessToken stale) {
      }
    };

    assertThat(state.observe(broken).get(() -> null)).isNull();
    state.observe(broken).invalidate(null);

    assertThat(state.validUntil()).isEmpty();
  }
}
