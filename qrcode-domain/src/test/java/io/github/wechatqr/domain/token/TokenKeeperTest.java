package io.github.wechatqr.domain.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.CredentialsRejected;
import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.TestClock;
import io.github.wechatqr.domain.UpstreamUnavailable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The keeper's own edges; the rules every store keeps are proven through the testkit's contract kit
 * (the in-process store, Caffeine and Redis).
 */
class TokenKeeperTest {
  private static final Duration LIFETIME = Duration.ofHours(2);
  private final TestClock clock = TestClock.at("2026-03-01T00:00:00Z");
  private final List<String> events = new ArrayList<>();
  private final List<Runnable> queued = new ArrayList<>();
  private final Executor later = queued::add;
  private final TokenEvents recorder = new TokenEvents() {
    @Override
    public void refreshedAhead(AccessToken token) {
      events.add("refreshed " + token.value());
    }

    @Override
    public void refreshFailed(Throwable failure, Instant nextTry) {
      events.add("failed " + (failure == null ? "fruitless" : failure.getMessage()) + " next " + nextTry);
    }

    @Override
    public void refusalRemembered(QrCodeException refusal, Instant until) {
      events.add("remembered " + refusal.getClass().getSimpleName() + " until " + until);
    }
  };

  private AccessTokenStore store(Function<RefreshReason, AccessToken> fetch) {
    return TokenKeeper.inProcess(clock, TokenPolicy.defaults(), later, recorder).create(fetch::apply);
  }

  private AccessToken token(String value, Duration left) {
    return new AccessToken(value, clock.instant().plus(left));
  }

  @Test
  void a_fetched_token_inside_the_safety_margin_is_an_upstream_failure() {
    AccessTokenStore store = store(reason -> token("short", Duration.ofSeconds(30)));
    assertThatThrownBy(store::get).isInstanceOf(UpstreamUnavailable.class)
        .hasMessageContaining("inside the safety margin");
  }

  @Test
  void a_fetcher_that_returns_nothing_is_an_upstream_failure() {
    assertThatThrownBy(store(reason -> null)::get).isInstanceOf(UpstreamUnavailable.class)
        .hasMessageContaining("no token");
  }

  @Test
  void background_work_is_told_to_the_events() {
    List<AccessToken> answers = new ArrayList<>(List.of(token("one", LIFETIME)));
    AccessTokenStore store = store(reason -> answers.remove(0));
    store.get();
    clock.advance(LIFETIME.minus(Duration.ofMinutes(4)));
    answers.add(token("one-again", Duration.ofMinutes(4))); // stable_token may hand back the same token
    store.get();
    queued.remove(0).run();
    Instant nextTry = clock.instant().plus(TokenPolicy.DEFAULT_RETRY_DELAY);
    assertThat(events).containsExactly("failed fruitless next " + nextTry);
    store.get();
    assertThat(queued).as("a fruitless refresh waits the retry delay too").isEmpty();
    clock.advance(TokenPolicy.DEFAULT_RETRY_DELAY);
    answers.add(new AccessToken("two", clock.instant().plus(LIFETIME)));
    store.get();
    queued.remove(0).run();
    assertThat(events).last().isEqualTo("refreshed two");
    assertThat(store.get().value()).isEqualTo("two");
  }

  @Test
  void a_refusal_in_the_background_is_remembered_and_the_current_token_stays_in_use() {
    List<Object> answers = new ArrayList<>(List.of(token("one", LIFETIME), new CredentialsRejected(40125, "bad")));
    AccessTokenStore store = store(reason -> {
      Object next = answers.remove(0);
      if (next instanceof RuntimeException failure) {
        throw failure;
      }
      return (AccessToken) next;
    });
    AccessToken first = store.get();
    clock.advance(LIFETIME.minus(Duration.ofSeconds(70)));
    assertThat(store.get()).isEqualTo(first);
    queued.remove(0).run();
    assertThat(events).anyMatch(e -> e.startsWith("remembered CredentialsRejected"))
        .anyMatch(e -> e.startsWith("failed WeChat refused: errcode 40125"));
    assertThat(store.get()).as("still usable: handed out").isEqualTo(first);
    clock.advance(Duration.ofSeconds(15)); // past the safety margin, inside the back-off
    assertThatThrownBy(store::get).isInstanceOf(CredentialsRejected.class);
    assertThat(answers).isEmpty();
  }

  @Test
  void the_description_never_shows_the_token() {
    AccessTokenStore store = store(reason -> token("secret-token-value", LIFETIME));
    store.get();
    assertThat(store.toString()).doesNotContain("secret-token-value").contains("holding=true");
    assertThat(((TokenKeeper) store).policy()).isEqualTo(TokenPolicy.defaults());
  }

  @Test
  void described_events_name_expiries_and_domain_messages_but_no_token_or_foreign_message() {
    List<String> routine = new ArrayList<>();
    List<String> trouble = new ArrayList<>();
    TokenEvents described = TokenEvents.describedTo(routine::add, trouble::add);
    Instant at = Instant.parse("2026-03-01T02:00:00Z");
    described.refreshedAhead(new AccessToken("secret-token-value", at));
    described.refreshFailed(new IllegalStateException("access_token=secret-token-value"), at);
    described.refreshFailed(new UpstreamUnavailable("token endpoint down"), at);
    described.refreshFailed(null, at);
    described.refusalRemembered(new CredentialsRejected(40125, "invalid appsecret"), at);
    assertThat(routine).containsExactly("Access token refreshed ahead of its expiry; the new one expires at " + at);
    assertThat(trouble).hasSize(4).noneMatch(line -> line.contains("secret-token-value"));
    assertThat(trouble.get(0)).contains("failed (java.lang.IllegalStateException)");
    assertThat(trouble.get(1)).contains("failed (token endpoint down)");
    assertThat(trouble.get(2)).contains("brought no newer token");
    assertThat(trouble.get(3)).contains("errcode 40125").contains("until " + at);
    TokenEvents.NONE.refreshedAhead(new AccessToken("t", at));
    TokenEvents.NONE.refreshFailed(null, at);
    TokenEvents.NONE.refusalRemembered(new CredentialsRejected(40125, ""), at);
  }

  @Test
  void invalidating_nothing_is_a_programming_error() {
    AccessTokenStore store = store(reason -> token("t", LIFETIME));
    assertThatThrownBy(() -> store.invalidate(null)).isInstanceOf(NullPointerException.class);
  }
}
