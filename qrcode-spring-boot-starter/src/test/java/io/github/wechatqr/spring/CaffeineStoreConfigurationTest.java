package io.github.wechatqr.spring;

import static io.github.wechatqr.spring.StarterContexts.against;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.cache.CaffeineAccessTokenStore;
import io.github.wechatqr.cache.CaffeineQrCodeStore;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.port.AccessTokenStore;
import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code wechat.qrcode.store=caffeine} (the default) and the {@code token.*} and {@code cache.*} settings it honours. */
class CaffeineStoreConfigurationTest extends FakeWeChatContexts {
  @Test
  void store_caffeine_keeps_codes_and_token_in_this_process() {
    against(fake).withPropertyValues("wechat.qrcode.store=caffeine").run(context -> {
      assertThat(context.getBean(QrCodeStore.class)).isInstanceOf(CaffeineQrCodeStore.class);
      assertThat(context.getBean(AccessTokenStore.class)).isInstanceOf(CaffeineAccessTokenStore.class);
    });
  }

  @Test
  void token_retry_delay_spaces_the_refreshes_after_a_failed_one() {
    onTheFakesClock().withPropertyValues("wechat.qrcode.token.refresh-ahead=30m", "wechat.qrcode.token.retry-delay=10m",
        "wechat.qrcode.retry.max-attempts=1").run(context -> {
          QrCodeService qrcodes = context.getBean(QrCodeService.class);
          qrcodes.permanent(SceneValue.of(1));
          clock.advance(Duration.ofHours(2).minusMinutes(29));
          fake.failNext(FakeWeChatServer.TOKEN, -1, 1);
          qrcodes.permanent(SceneValue.of(2)); // the refresh fails; the current token still serves
          clock.advance(Duration.ofMinutes(1)); // past the default delay (30 s), inside 10 min

          qrcodes.permanent(SceneValue.of(3));

          assertThat(fake.journal().tokenFetches()).isEqualTo(2);
        });
  }

  @Test
  void token_safety_margin_retires_the_token_that_long_before_its_expiry() {
    onTheFakesClock().withPropertyValues("wechat.qrcode.token.safety-margin=10m", "wechat.qrcode.token.refresh-ahead=0")
        .run(context -> {
          QrCodeService qrcodes = context.getBean(QrCodeService.class);
          qrcodes.permanent(SceneValue.of(1));
          clock.advance(Duration.ofHours(2).minusMinutes(9)); // the default margin (1 min) would keep the token

          qrcodes.permanent(SceneValue.of(2));

          assertThat(fake.journal().tokenFetches()).isEqualTo(2);
        });
  }

  @Test
  void token_refresh_ahead_renews_the_token_that_long_before_its_expiry() {
    onTheFakesClock().withPropertyValues("wechat.qrcode.token.refresh-ahead=30m").run(context -> {
      QrCodeService qrcodes = context.getBean(QrCodeService.class);
      qrcodes.permanent(SceneValue.of(1));
      clock.advance(Duration.ofHours(2).minusMinutes(29)); // inside 30 min, outside the default 5 min

      qrcodes.permanent(SceneValue.of(2));

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
}
