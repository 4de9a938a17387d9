package io.github.wechatqr.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.WeChatApiException;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.TokenEvents;
import io.github.wechatqr.domain.token.TokenKeeper;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.feign.TokenMode;
import io.github.wechatqr.spring.WeChatQrCodeHealth.Report;
import io.github.wechatqr.spring.WeChatQrCodeHealth.Status;
import io.github.wechatqr.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The Boot-neutral health report; BootHealthIndicatorTest (one per Boot line) proves each line's adapter. */
class WeChatQrCodeHealthTest {
  private final MutableClock clock = MutableClock.at("2026-05-01T08:00:00Z");
  private final AccessTokenState state = new AccessTokenState(clock);
  /** What the next fetches bring (or throw), in order. */
  private final Deque<Supplier<AccessToken>> wechat = new ArrayDeque<>();
  private final AccessTokenStore store = state.observe(
      TokenKeeper.inProcess(clock, TokenPolicy.defaults(), Runnable::run, TokenEvents.NONE))
      .create(reason -> wechat.remove().get());
  private final AccessToken token = new AccessToken("tok-SHOULD-NOT-SHOW", clock.instant().plus(Duration.ofHours(2)));
  private final WeChatQrCodeHealth indicator = new WeChatQrCodeHealth(state, clock, properties());

  private static WeChatQrCodeProperties properties() {
    WeChatQrCodeProperties properties = new WeChatQrCodeProperties();
    properties.setAppId("wx1234567890abcdef");
    properties.setSecret("never-shown-secret");
    properties.setTokenMode(TokenMode.CLASSIC);
    return properties;
  }

  @Test
  void before_the_first_token_the_state_is_unknown() {
    Report health = indicator.report();

    assertThat(health.status()).isEqualTo(Status.UNKNOWN);
    assertThat(health.details()).containsEntry("token", "none fetched yet")
        .containsEntry("appId", "wx1234567890abcdef").containsEntry("tokenMode", "classic");
  }

  @Test
  void a_valid_token_is_up_with_its_expiry_and_without_its_value() {
    wechat.add(() -> token);
    store.get();

    Report health = indicator.report();

    assertThat(health.status()).isEqualTo(Status.UP);
    assertThat(health.details()).containsEntry("tokenValidUntil", token.expiresAt().toString())
        .containsEntry("lastRefresh", clock.instant().toString());
    assertThat(health.toString()).doesNotContain(token.value()).doesNotContain("never-shown-secret");
  }

  @Test
  void a_failed_fetch_without_a_valid_token_is_down_with_the_errcode() {
    wechat.add(() -> {
      throw WeChatApiException.of(40164, "invalid ip 1.2.3.4, not in whitelist");
    });
    assertThatThrownBy(store::get);

    Report health = indicator.report();

    assertThat(health.status()).isEqualTo(Status.DOWN);
    assertThat(health.details().get("lastRefreshError")).asInstanceOf(
            org.assertj.core.api.InstanceOfAssertFactories.map(String.class, Object.class))
        .containsEntry("errcode", 40164).containsEntry("at", clock.instant().toString())
        .containsKeys("error", "message");
  }

  @Test
  void a_failed_background_refresh_while_the_token_still_works_stays_up_and_says_so() {
    wechat.add(() -> token);
    store.get();
    clock.set(token.expiresAt().minus(TokenPolicy.DEFAULT_REFRESH_AHEAD).plusSeconds(1));
    wechat.add(() -> {
      throw WeChatApiException.failure(WeChatApiException.SYSTEM_BUSY, "system error"); // busy after the retries
    });
    assertThat(store.get()).isEqualTo(token); // the refresh ahead ran (inline) and failed

    Report health = indicator.report();

    assertThat(health.status()).isEqualTo(Status.UP);
    assertThat(health.details().get("lastRefreshError")).asInstanceOf(
            org.assertj.core.api.InstanceOfAssertFactories.map(String.class, Object.class))
        .containsEntry("error", "UpstreamUnavailable").containsEntry("errcode", -1).containsKey("message");
  }

  @Test
  void an_expired_token_that_nothing_renewed_is_unknown_until_the_next_call() {
    wechat.add(() -> token);
    store.get();
    clock.advance(Duration.ofHours(3));

    Report health = indicator.report();

    assertThat(health.status()).isEqualTo(Status.UNKNOWN);
    assertThat(health.details()).containsEntry("token", "expired; the next call fetches one");
  }

  @Test
  void a_failure_outside_the_domain_shows_only_its_type() {
    wechat.add(() -> {
      throw new IllegalStateException("password=hunter2");
    });
    assertThatThrownBy(store::get);

    assertThat(indicator.report().details()).extractingByKey("lastRefreshError").isEqualTo(Map.of("at", clock.instant().toString(), "error", "IllegalStateException"));
  }
}
