package io.github.wechatqr.spring;

import static io.github.wechatqr.spring.StarterContexts.against;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.cache.CaffeineAccessTokenStore;
import io.github.wechatqr.cache.CaffeineQrCodeStore;
import io.github.wechatqr.domain.CredentialsRejected;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.testkit.FakeWeChatServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

/** {@code wechat.qrcode.store=caffeine} (the default) and the {@code token.*} and {@code cache.*} settings it honours. */
class CaffeineStoreConfigurationTest extends FakeWeChatContexts {
  @Test
  void store_caffeine_keeps_codes_and_token_in_this_process() {
    against(fake).withPropertyValues("wechat.qrcode.store=caffeine").run(context -> {
      assertThat(context.getBean(QrCodeStore.class)).isInstanceOf(CaffeineQrCodeStore.class);
      assertThat(context).hasSingleBean(AccessTokenStore.Factory.class);
      assertThat(context.getBean(AccessTokenState.class).store()).containsInstanceOf(CaffeineAccessTokenStore.class);
    });
  }

  @Test
  void the_token_properties_make_the_policy_of_the_caffeine_store() {
    against(fake).withPropertyValues("wechat.qrcode.token.safety-margin=2m", "wechat.qrcode.token.refresh-ahead=7m",
        "wechat.qrcode.token.retry-delay=20s", "wechat.qrcode.token.failure-backoff=0s").run(context ->
        assertThat(context.getBean(AccessTokenState.class).store()).get().asString()
            .contains(TokenPolicy.builder().safetyMargin(Duration.ofMinutes(2)).refreshAhead(Duration.ofMinutes(7))
                .retryDelay(Duration.ofSeconds(20)).failureBackoff(Duration.ZERO).build().toString()));
  }

  @Test
  void token_retry_delay_spaces_the_refreshes_after_a_failed_one() {
    onTheFakesClock().withPropertyValues("wechat.qrcode.token.refresh-ahead=30m", "wechat.qrcode.token.retry-delay=10m",
        "wechat.qrcode.retry.max-attempts=1").run(context -> {
          QrCodeService qrcodes = context.getBean(QrCodeService.class);
          qrcodes.permanent(SceneValue.of(1));
          clock.advance(Duration.ofHours(2).minusMinutes(29));
          fake.failNext(FakeWeChatServer.STABLE_TOKEN, -1, 1);
          qrcodes.permanent(SceneValue.of(2)); // the refresh fails; the current token still serves
          clock.advance(Duration.ofMinutes(1)); // past the default delay (15 s), inside 10 min

          qrcodes.permanent(SceneValue.of(3));

          assertThat(fake.journal().tokenFetches()).isEqualTo(2);
        });
  }

  @Test
  void token_safety_margin_retires_the_token_that_long_before_its_expiry() {
    // stable_token hands out a new token in the last 5 minutes, so the margin stays below that.
    onTheFakesClock().withPropertyValues("wechat.qrcode.token.safety-margin=4m", "wechat.qrcode.token.refresh-ahead=241s")
        .run(context -> {
          QrCodeService qrcodes = context.getBean(QrCodeService.class);
          qrcodes.permanent(SceneValue.of(1));
          Instant firstExpiry = validUntil(context);
          clock.advance(Duration.ofHours(2).minusMinutes(3)); // the default margin (1 min) would keep the token

          qrcodes.permanent(SceneValue.of(2));

          assertThat(fake.journal().tokenFetches()).isEqualTo(2);
          // Handed the new token at once: not a refresh ahead, which would have served the old one.
          assertThat(validUntil(context)).isAfter(firstExpiry);
        });
  }

  @Test
  void token_refresh_ahead_renews_the_token_that_long_before_its_expiry() {
    onTheFakesClock().withPropertyValues("wechat.qrcode.token-mode=classic", "wechat.qrcode.token.refresh-ahead=30m")
        .run(context -> {
          QrCodeService qrcodes = context.getBean(QrCodeService.class);
          qrcodes.permanent(SceneValue.of(1));
          Instant firstExpiry = validUntil(context);
          clock.advance(Duration.ofHours(2).minusMinutes(29)); // inside 30 min, outside the default 5 min

          qrcodes.permanent(SceneValue.of(2)); // starts the refresh (inline here); the current token serves
          qrcodes.permanent(SceneValue.of(3));

          assertThat(fake.journal().tokenFetches()).isEqualTo(2);
          assertThat(validUntil(context)).isAfter(firstExpiry);
        });
  }

  @Test
  void token_failure_backoff_remembers_a_refused_token_call_that_long() {
    onTheFakesClock().withPropertyValues("wechat.qrcode.token.failure-backoff=5m", "wechat.qrcode.retry.max-attempts=1")
        .run(context -> {
          QrCodeService qrcodes = context.getBean(QrCodeService.class);
          fake.failNext(FakeWeChatServer.STABLE_TOKEN, 40164, 1); // IP not whitelisted
          assertThatThrownBy(() -> qrcodes.permanent(SceneValue.of(1))).isInstanceOf(CredentialsRejected.class);
          clock.advance(Duration.ofMinutes(1)); // past the default back-off (30 s), inside 5 min

          assertThatThrownBy(() -> qrcodes.permanent(SceneValue.of(1))).as("remembered, no token call")
              .isInstanceOf(CredentialsRejected.class);
          assertThat(fake.journal().tokenFetches()).isEqualTo(1);

          clock.advance(Duration.ofMinutes(4));
          qrcodes.permanent(SceneValue.of(1));
          assertThat(fake.journal().tokenFetches()).isEqualTo(2);
        });
  }

  @Test
  void token_failure_backoff_zero_asks_wechat_again_at_once() {
    onTheFakesClock().withPropertyValues("wechat.qrcode.token.failure-backoff=0s", "wechat.qrcode.retry.max-attempts=1")
        .run(context -> {
          QrCodeService qrcodes = context.getBean(QrCodeService.class);
          fake.failNext(FakeWeChatServer.STABLE_TOKEN, 40164, 1);
          assertThatThrownBy(() -> qrcodes.permanent(SceneValue.of(1))).isInstanceOf(CredentialsRejected.class);

          qrcodes.permanent(SceneValue.of(1));

          assertThat(fake.journal().tokenFetches()).isEqualTo(2);
        });
  }

  @Test
  void cache_max_codes_bounds_the_caffeine_store() {
    onTheFakesClock().withPropertyValues("wechat.qrcode.cache.max-codes=1").run(context -> {
      QrCodeService qrcodes = context.getBean(QrCodeService.class);
      qrcodes.permanent(SceneValue.of(1));
      qrcodes.permanent(SceneValue.of(2));
      CaffeineQrCodeStore store = context.getBean(CaffeineQrCodeStore.class);

      store.cleanUp();

      assertThat(store.estimatedSize()).isEqualTo(1);
    });
  }

  private static Instant validUntil(AssertableApplicationContext context) {
    return context.getBean(AccessTokenState.class).validUntil().orElseThrow();
  }
}
