package io.github.wechatqr.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.WeChatApiException;
import io.github.wechatqr.domain.token.AccessTokenFetcher;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.InProcessTokenSlot;
import io.github.wechatqr.domain.token.RefreshReason;
import io.github.wechatqr.domain.token.TokenEvents;
import io.github.wechatqr.domain.token.TokenKeeper;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.domain.token.TokenSlot;
import io.github.wechatqr.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AccessTokenStateTest {
  private final MutableClock clock = MutableClock.at("2026-05-01T08:00:00Z");
  private final AccessTokenState state = new AccessTokenState(clock);
  /** The domain's in-process store; background refreshes run inline. */
  private final AccessTokenStore.Factory inProcess =
      TokenKeeper.inProcess(clock, TokenPolicy.defaults(), Runnable::run, TokenEvents.NONE);
  private final Script wechat = new Script();
  private final AccessTokenStore store = state.observe(inProcess).create(wechat);
  private final AccessToken token = new AccessToken("tok-VALUE-123", clock.instant().plus(Duration.ofHours(2)));

  @Test
  void before_any_token_nothing_is_known() {
    assertThat(state.validUntil()).isEmpty();
    assertThat(state.lastRefresh()).isEmpty();
    assertThat(state.lastFailure()).isEmpty();
    assertThat(state.holdsValidTokenAt(clock.instant())).isFalse();
  }

  @Test
  void a_fetch_records_its_time_and_the_tokens_expiry() {
    wechat.answer(token);

    assertThat(store.get()).isEqualTo(token);

    assertThat(state.validUntil()).contains(token.expiresAt());
    assertThat(state.lastRefresh()).contains(clock.instant());
    assertThat(state.holdsValidTokenAt(clock.instant())).isTrue();
    assertThat(state.holdsValidTokenAt(token.expiresAt())).isFalse();
  }

  @Test
  void a_token_another_instance_fetched_is_recorded_when_handed_out() {
    TokenSlot shared = new InProcessTokenSlot(); // what a shared store (Redis) holds for every instance
    AccessTokenStore.Factory sharing = fetcher -> new TokenKeeper(shared, fetcher, clock, TokenPolicy.defaults(),
        Runnable::run, TokenEvents.NONE);
    sharing.create(reason -> token).get(); // fetched by another instance, unobserved here

    AccessTokenStore here = state.observe(sharing).create(reason -> {
      throw new AssertionError("held already");
    });

    assertThat(here.get()).isEqualTo(token);
    assertThat(state.validUntil()).contains(token.expiresAt());
    assertThat(state.lastRefresh()).isEmpty();
  }

  @Test
  void a_failed_fetch_is_recorded_with_its_errcode_and_message_and_rethrown() {
    WeChatApiException refused = WeChatApiException.of(40125, "invalid appsecret");
    wechat.fail(refused);

    assertThatThrownBy(store::get).isSameAs(refused);

    assertThat(state.lastFailure()).hasValueSatisfying(failure -> {
      assertThat(failure.at()).isEqualTo(clock.instant());
      assertThat(failure.error()).isEqualTo(refused.getClass().getSimpleName());
      assertThat(failure.errcode()).isEqualTo(40125);
      assertThat(failure.message()).isEqualTo(refused.getMessage());
    });
  }

  @Test
  void wechat_busy_is_an_upstream_failure_recorded_with_its_errcode() {
    UpstreamUnavailable busy = (UpstreamUnavailable) WeChatApiException.failure(WeChatApiException.SYSTEM_BUSY, "system error");
    wechat.fail(busy);

    assertThatThrownBy(store::get).isSameAs(busy);

    assertThat(state.lastFailure()).hasValueSatisfying(failure -> {
      assertThat(failure.error()).isEqualTo("UpstreamUnavailable");
      assertThat(failure.errcode()).isEqualTo(-1);
      assertThat(failure.message()).isEqualTo(busy.getMessage());
    });
  }

  @Test
  void an_upstream_failure_below_the_protocol_has_no_errcode() {
    wechat.fail(new UpstreamUnavailable("connection refused"));

    assertThatThrownBy(store::get).isInstanceOf(UpstreamUnavailable.class);

    assertThat(state.lastFailure()).hasValueSatisfying(failure -> assertThat(failure.errcode()).isNull());
  }

  @Test
  void of_an_exception_outside_the_domain_only_the_type_is_kept() {
    wechat.fail(new IllegalStateException("connection to secret-host:1234 with password hunter2"));

    assertThatThrownBy(store::get).isInstanceOf(IllegalStateException.class);

    assertThat(state.lastFailure()).hasValueSatisfying(failure -> {
      assertThat(failure.error()).isEqualTo("IllegalStateException");
      assertThat(failure.errcode()).isNull();
      assertThat(failure.message()).isEmpty();
    });
  }

  @Test
  void a_later_successful_fetch_clears_the_failure() {
    wechat.fail(new UpstreamUnavailable("down"));
    assertThatThrownBy(store::get);
    clock.advance(Duration.ofSeconds(30));
    wechat.answer(token);

    store.get();

    assertThat(state.lastFailure()).isEmpty();
    assertThat(state.lastRefresh()).contains(clock.instant());
  }

  @Test
  void a_failed_background_refresh_is_recorded_while_the_current_token_is_handed_out() {
    wechat.answer(token);
    store.get();
    clock.set(token.expiresAt().minus(TokenPolicy.DEFAULT_REFRESH_AHEAD).plusSeconds(1));
    wechat.fail(WeChatApiException.failure(WeChatApiException.SYSTEM_BUSY, "system error"));

    assertThat(store.get()).isEqualTo(token); // the refresh ran (inline) and failed; the token still serves

    assertThat(state.holdsValidTokenAt(clock.instant())).isTrue();
    assertThat(state.lastFailure()).hasValueSatisfying(failure -> assertThat(failure.errcode()).isEqualTo(-1));
  }

  @Test
  void a_token_wechat_rejected_is_no_longer_reported_valid() {
    wechat.answer(token);
    store.get();

    store.invalidate(token);

    assertThat(state.validUntil()).isEmpty();
  }

  @Test
  void the_fetch_after_a_rejection_reaches_wechat_as_a_forced_refresh() {
    AccessToken fresh = new AccessToken("tok-NEW", clock.instant().plus(Duration.ofHours(2)));
    wechat.answer(token);
    wechat.answer(fresh);
    store.get();
    store.invalidate(token);

    assertThat(store.get()).isEqualTo(fresh);

    assertThat(wechat.reasons).containsExactly(RefreshReason.DUE, RefreshReason.REJECTED);
    assertThat(state.validUntil()).contains(fresh.expiresAt());
  }

  @Test
  void a_late_rejection_of_an_older_token_leaves_the_newer_one() {
    AccessToken older = new AccessToken("old", clock.instant().plus(Duration.ofMinutes(30)));
    wechat.answer(token);
    store.get();

    store.invalidate(older);

    assertThat(state.validUntil()).contains(token.expiresAt());
  }

  @Test
  void the_state_remembers_the_store_the_observed_factory_made_unwrapped() {
    AccessTokenState state = new AccessTokenState(clock);
    List<AccessTokenStore> made = new ArrayList<>();
    AccessTokenStore.Factory recording = fetcher -> {
      AccessTokenStore real = inProcess.create(fetcher);
      made.add(real);
      return real;
    };
    assertThat(state.store()).isEmpty();

    AccessTokenStore observed = state.observe(recording).create(wechat);

    assertThat(made).singleElement().isNotSameAs(observed);
    assertThat(state.store()).containsSame(made.get(0));
    assertThat(observed).hasToString("Observed" + made.get(0));
  }

  @Test
  void the_factory_hands_the_real_factory_a_fetcher_of_its_own_and_needs_a_fetcher() {
    List<AccessTokenFetcher> handed = new ArrayList<>();
    AccessTokenStore.Factory recording = fetcher -> {
      handed.add(fetcher);
      return inProcess.create(fetcher);
    };
    AccessTokenStore.Factory observed = state.observe(recording);

    observed.create(wechat);

    assertThat(handed).singleElement().isNotSameAs(wechat);
    assertThat(observed.toString()).startsWith("Observed");
    assertThatThrownBy(() -> observed.create(null)).isInstanceOf(NullPointerException.class).hasMessage("fetcher");
    assertThatThrownBy(() -> state.observe(null)).isInstanceOf(NullPointerException.class).hasMessage("factory");
  }

  @Test
  void a_factory_that_makes_no_store_is_refused_at_once() {
    AccessTokenState state = new AccessTokenState(clock);
    assertThatThrownBy(() -> state.observe(fetcher -> null).create(wechat)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("made no store");
    assertThat(state.store()).isEmpty();
  }

  @Test
  void to_string_shows_dates_and_never_the_token() {
    wechat.answer(token);
    store.get();

    assertThat(state.toString()).contains(token.expiresAt().toString()).doesNotContain(token.value());
  }

  @Test
  void a_refresh_failure_needs_its_time_type_and_message() {
    assertThatThrownBy(() -> new AccessTokenState.RefreshFailure(null, "X", null, ""))
        .isInstanceOf(NullPointerException.class);
    assertThat(new AccessTokenState.RefreshFailure(Instant.EPOCH, "X", null, "").error()).isEqualTo("X");
  }

  /** WeChat's token endpoint: answers or failures in the order given; records each fetch's reason. */
  private static final class Script implements AccessTokenFetcher {
    final List<RefreshReason> reasons = new ArrayList<>();
    private final Deque<Function<RefreshReason, AccessToken>> next = new ArrayDeque<>();

    void answer(AccessToken token) {
      next.add(reason -> token);
    }

    void fail(RuntimeException failure) {
      next.add(reason -> {
        throw failure;
      });
    }

    @Override
    public AccessToken fetch(RefreshReason reason) {
      reasons.add(reason);
      return next.remove().apply(reason);
    }
  }
}
