package io.github.wechatqr.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.WeChatApiException;
import io.github.wechatqr.domain.port.AccessTokenStore;
import io.github.wechatqr.testkit.InMemoryAccessTokenStore;
import io.github.wechatqr.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessTokenStateTest {
  private final MutableClock clock = MutableClock.at("2026-05-01T08:00:00Z");
  private final AccessTokenState state = new AccessTokenState(clock);
  private final AccessTokenStore store = state.observe(new InMemoryAccessTokenStore(clock, Duration.ofMinutes(1)));
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
    store.get(() -> token);

    assertThat(state.validUntil()).contains(token.expiresAt());
    assertThat(state.lastRefresh()).contains(clock.instant());
    assertThat(state.holdsValidTokenAt(clock.instant())).isTrue();
    assertThat(state.holdsValidTokenAt(token.expiresAt())).isFalse();
  }

  @Test
  void a_token_another_instance_fetched_is_recorded_when_handed_out() {
    AccessTokenStore shared = new InMemoryAccessTokenStore(clock, Duration.ofMinutes(1));
    shared.get(() -> token); // fetched elsewhere, through the same shared store

    state.observe(shared).get(() -> {
      throw new AssertionError("held already");
    });

    assertThat(state.validUntil()).contains(token.expiresAt());
    assertThat(state.lastRefresh()).isEmpty();
  }

  @Test
  void a_failed_fetch_is_recorded_with_its_errcode_and_message_and_rethrown() {
    WeChatApiException refused = WeChatApiException.of(40125, "invalid appsecret");

    assertThatThrownBy(() -> store.get(() -> {
      throw refused;
    })).isSameAs(refused);

    assertThat(state.lastFailure()).hasValueSatisfying(failure -> {
      assertThat(failure.at()).isEqualTo(clock.instant());
      assertThat(failure.error()).isEqualTo(refused.getClass().getSimpleName());
      assertThat(failure.errcode()).isEqualTo(40125);
      assertThat(failure.message()).isEqualTo(refused.getMessage());
    });
  }

  @Test
  void of_an_exception_outside_the_domain_only_the_type_is_kept() {
    assertThatThrownBy(() -> store.get(() -> {
      throw new IllegalStateException("connection to secret-host:1234 with password hunter2");
    }));

    assertThat(state.lastFailure()).hasValueSatisfying(failure -> {
      assertThat(failure.error()).isEqualTo("IllegalStateException");
      assertThat(failure.errcode()).isNull();
      assertThat(failure.message()).isEmpty();
    });
  }

  @Test
  void a_later_successful_fetch_clears_the_failure() {
    assertThatThrownBy(() -> store.get(() -> {
      throw new UpstreamUnavailable("down");
    }));
    clock.advance(Duration.ofSeconds(30));

    store.get(() -> token);

    assertThat(state.lastFailure()).isEmpty();
    assertThat(state.lastRefresh()).contains(clock.instant());
  }

  @Test
  void a_token_wechat_rejected_is_no_longer_reported_valid() {
    store.get(() -> token);

    store.invalidate(token);

    assertThat(state.validUntil()).isEmpty();
  }

  @Test
  void a_late_rejection_of_an_older_token_leaves_the_newer_one() {
    AccessToken older = new AccessToken("old", clock.instant().plus(Duration.ofMinutes(30)));
    store.get(() -> token);

    store.invalidate(older);

    assertThat(state.validUntil()).contains(token.expiresAt());
  }

  @Test
  void to_string_shows_dates_and_never_the_token() {
    store.get(() -> token);

    assertThat(state.toString()).contains(token.expiresAt().toString()).doesNotContain(token.value());
  }

  @Test
  void a_refresh_failure_needs_its_time_type_and_message() {
    assertThatThrownBy(() -> new AccessTokenState.RefreshFailure(null, "X", null, ""))
        .isInstanceOf(NullPointerException.class);
    assertThat(new AccessTokenState.RefreshFailure(Instant.EPOCH, "X", null, "").error()).isEqualTo("X");
  }
}
