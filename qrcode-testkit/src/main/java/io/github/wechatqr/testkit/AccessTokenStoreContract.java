package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.port.AccessTokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link AccessTokenStore} keeps. Subclass it with the factory and nothing else:
 *
 * <pre>{@code
 * class MyTokenStoreTest extends AccessTokenStoreContract {
 *   protected AccessTokenStore createStore(Clock clock, Duration safetyMargin) {
 *     return new MyTokenStore(clock, safetyMargin);
 *   }
 * }
 * }</pre>
 * Tokens here live 2 hours with a 60-second safety margin. A store that refreshes ahead of time must not
 * start before 10 minutes ahead of the expiry for the kit's counts to hold.
 */
public abstract class AccessTokenStoreContract {
  /** Safety margin the kit configures. */
  protected static final Duration MARGIN = Duration.ofSeconds(60);
  private static final Duration LIFETIME = Duration.ofHours(2);

  /** The clock the store is given; move it to make tokens age. */
  protected final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final AtomicInteger fetches = new AtomicInteger();
  private AccessTokenStore store;

  /**
   * @param clock the store's only time source
   * @param safetyMargin how long before its expiry a token must no longer be handed out
   * @return a fresh, empty store
   */
  protected abstract AccessTokenStore createStore(java.time.Clock clock, Duration safetyMargin);

  @BeforeEach
  void createStoreUnderTest() {
    store = createStore(clock, MARGIN);
  }

  /** @return a fetcher that hands out token-1, token-2, ... valid for two hours from now */
  private Supplier<AccessToken> fetcher() {
    return () -> new AccessToken("token-" + fetches.incrementAndGet(), clock.instant().plus(LIFETIME));
  }

  @Test
  void the_first_get_fetches_and_later_gets_reuse_the_token() {
    AccessToken first = store.get(fetcher());
    assertThat(first.value()).isEqualTo("token-1");
    clock.advance(Duration.ofMinutes(90));
    assertThat(store.get(fetcher())).isEqualTo(first);
    assertThat(fetches).hasValue(1);
  }

  @Test
  void thirty_two_concurrent_callers_cause_one_fetch() throws Exception {
    Callers<AccessToken> callers = new Callers<>();
    Supplier<AccessToken> slowFetcher = () -> {
      callers.awaitOthersParked(Duration.ofSeconds(5)); // hold the fetch until everyone queued up
      return fetcher().get();
    };
    callers.start(32, i -> () -> store.get(slowFetcher));
    assertThat(callers.results()).hasSize(32).allSatisfy(t -> assertThat(t.value()).isEqualTo("token-1"));
    assertThat(fetches).hasValue(1);
  }

  @Test
  void a_token_inside_the_safety_margin_is_replaced_before_it_expires() {
    AccessToken first = store.get(fetcher());
    clock.set(first.expiresAt().minus(MARGIN).minusSeconds(1));
    assertThat(store.get(fetcher())).isEqualTo(first);
    clock.set(first.expiresAt().minus(MARGIN));
    AccessToken second = store.get(fetcher());
    assertThat(second.value()).isEqualTo("token-2");
    assertThat(second.isUsableAt(clock.instant(), MARGIN)).isTrue();
  }

  @Test
  void an_expired_token_is_never_handed_out() {
    AccessToken first = store.get(fetcher());
    clock.set(first.expiresAt().plusSeconds(1));
    AccessToken next = store.get(fetcher());
    assertThat(next).isNotEqualTo(first);
    assertThat(next.expiresAt()).isAfter(clock.instant());
  }

  @Test
  void invalidating_the_current_token_makes_the_next_get_fetch() {
    AccessToken first = store.get(fetcher());
    store.invalidate(first);
    assertThat(store.get(fetcher()).value()).isEqualTo("token-2");
  }

  @Test
  void a_late_invalidation_of_a_stale_token_keeps_the_newer_one() {
    AccessToken stale = store.get(fetcher());
    store.invalidate(stale);
    AccessToken fresh = store.get(fetcher());
    store.invalidate(stale); // another caller reporting the old rejection late
    assertThat(store.get(fetcher())).isEqualTo(fresh);
    assertThat(fetches).hasValue(2);
  }

  @Test
  void invalidating_a_token_the_store_never_held_changes_nothing() {
    AccessToken held = store.get(fetcher());
    store.invalidate(new AccessToken("someone-else", Instant.parse("2030-01-01T00:00:00Z")));
    assertThat(store.get(fetcher())).isEqualTo(held);
  }

  @Test
  void a_failing_fetch_propagates_and_the_next_get_tries_again() {
    UpstreamUnavailable down = new UpstreamUnavailable("token endpoint down");
    assertThatThrownBy(() -> store.get(() -> {
      throw down;
    })).isSameAs(down);
    assertThat(store.get(fetcher()).value()).isEqualTo("token-1");
  }
}
