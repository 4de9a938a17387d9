package io.github.wechatqr.spring;

import static io.github.wechatqr.spring.StarterContexts.against;
import static io.github.wechatqr.spring.StarterContexts.configured;
import static io.github.wechatqr.spring.StarterContexts.failure;
import static io.github.wechatqr.spring.StarterContexts.runner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.cache.CacheRuntime;
import io.github.wechatqr.cache.CaffeineAccessTokenStore;
import io.github.wechatqr.cache.CaffeineImageStore;
import io.github.wechatqr.cache.CaffeineQrCodeStore;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.WeChatApiException;
import io.github.wechatqr.domain.port.CreationLock;
import io.github.wechatqr.domain.port.QrCodeGateway;
import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.port.QrImageStore;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.domain.service.ReusePolicy;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.TokenEvents;
import io.github.wechatqr.domain.token.TokenKeeper;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.events.WeChatCallbackHandler;
import io.github.wechatqr.feign.FeignQrCodeGateway;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.Fault;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class WeChatQrCodeAutoConfigurationTest extends FakeWeChatContexts {
  @Test
  void by_default_the_service_runs_on_the_feign_gateway_and_the_caffeine_stores() {
    configured().run(context -> {
      assertThat(context).hasSingleBean(QrCodeService.class).hasSingleBean(Clock.class);
      assertThat(context.getBean(QrCodeGateway.class)).isInstanceOf(FeignQrCodeGateway.class);
      assertThat(context.getBean(QrCodeStore.class)).isInstanceOf(CaffeineQrCodeStore.class);
      assertThat(context).hasSingleBean(AccessTokenStore.Factory.class);
      assertThat(context.getBean(AccessTokenState.class).store()).containsInstanceOf(CaffeineAccessTokenStore.class);
      assertThat(context.getBean(Clock.class)).isEqualTo(Clock.systemUTC());
      assertThat(context).doesNotHaveBean(WeChatCallbackHandler.class); // no callback token, no endpoint
    });
  }

  @Test
  void enabled_false_switches_the_starter_off() {
    runner().withPropertyValues("wechat.qrcode.enabled=false").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(QrCodeService.class).doesNotHaveBean(WeChatQrCodeProperties.class);
    });
  }

  @Test
  void a_qr_code_store_bean_of_the_application_replaces_the_caffeine_store() {
    InMemoryQrCodeStore own = new InMemoryQrCodeStore(clock);
    onTheFakesClock().withBean(QrCodeStore.class, () -> own).run(context -> {
      assertThat(context).hasSingleBean(QrCodeStore.class).doesNotHaveBean(CaffeineQrCodeStore.class);

      QrCode code = context.getBean(QrCodeService.class).temporary(SceneValue.of("own-store"), Duration.ofMinutes(5));

      assertThat(own.findByTicket(code.ticket())).contains(code);
    });
  }

  @Test
  void a_token_store_factory_bean_of_the_application_keeps_the_gateways_token_observed() {
    AtomicReference<AccessTokenStore> made = new AtomicReference<>();
    AccessTokenStore.Factory inProcess = TokenKeeper.inProcess(clock, TokenPolicy.defaults(), Runnable::run,
        TokenEvents.NONE);
    AccessTokenStore.Factory own = fetcher -> {
      made.set(inProcess.create(fetcher));
      return made.get();
    };
    onTheFakesClock().withBean(AccessTokenStore.Factory.class, () -> own).run(context -> {
      assertThat(context).hasSingleBean(AccessTokenStore.Factory.class);
      assertThat(context.getBean(AccessTokenStore.Factory.class)).isSameAs(own);
      AccessTokenState state = context.getBean(AccessTokenState.class);
      assertThat(state.store()).containsSame(made.get()); // made once, when the gateway was built

      context.getBean(QrCodeService.class).permanent(SceneValue.of(9));

      assertThat(made.get().get().expiresAt()).as("the gateway's token is held there").isAfter(clock.instant());
      assertThat(fake.journal().tokenFetches()).isEqualTo(1);
      assertThat(state.validUntil()).contains(made.get().get().expiresAt());
      assertThat(state.lastRefresh()).contains(clock.instant());
    });
  }

  @Test
  void a_customizer_that_sets_a_token_policy_fails_the_start_the_store_has_its_own() {
    configured().withBean(FeignQrCodeGatewayCustomizer.class, () -> builder -> builder.tokenPolicy(TokenPolicy.defaults()))
        .run(context -> assertThat(failure(context)).contains("tokenPolicy applies to the default in-process store"));
  }

  @Test
  void a_gateway_bean_of_the_application_replaces_the_feign_gateway_and_needs_no_secret() {
    InMemoryQrCodeGateway own = new InMemoryQrCodeGateway(clock);
    runner().withPropertyValues("wechat.qrcode.app-id=" + StarterContexts.APP_ID)
        .withBean(QrCodeGateway.class, () -> own).run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean(FeignQrCodeGateway.class);

          context.getBean(QrCodeService.class).temporary(SceneValue.of(5), Duration.ofMinutes(5));

          assertThat(own.issueCount()).isEqualTo(1);
        });
  }

  @Test
  void a_service_and_a_callback_handler_of_the_application_are_kept() {
    QrCodeService service = new QrCodeService(new InMemoryQrCodeGateway(clock), new InMemoryQrCodeStore(clock), clock);
    WeChatCallbackHandler handler = WeChatCallbackHandler.builder().token("own").clock(clock).resolver(service)
        .scanListener(scan -> { }).build();
    configured().withPropertyValues("wechat.qrcode.callback.token=" + StarterContexts.CALLBACK_TOKEN,
            "wechat.qrcode.callback.mode=plain")
        .withBean(QrCodeService.class, () -> service).withBean(WeChatCallbackHandler.class, () -> handler)
        .run(context -> {
          assertThat(context.getBean(QrCodeService.class)).isSameAs(service);
          assertThat(context.getBean(WeChatCallbackHandler.class)).isSameAs(handler);
        });
  }

  @Test
  void a_clock_bean_of_the_application_times_the_codes() {
    runner().withPropertyValues("wechat.qrcode.app-id=" + StarterContexts.APP_ID)
        .withBean(Clock.class, () -> clock)
        .withBean(QrCodeGateway.class, () -> new InMemoryQrCodeGateway(clock)).run(context -> {
          assertThat(context.getBean(Clock.class)).isSameAs(clock);

          QrCode code = context.getBean(QrCodeService.class).temporary(SceneValue.of(5), Duration.ofMinutes(5));

          assertThat(code.issuedAt()).isEqualTo(clock.instant());
          assertThat(context.getBean(CacheRuntime.class).clock()).isSameAs(clock);
        });
  }

  @Test
  void the_gateway_fetches_tokens_with_stable_token_by_default() {
    against(fake).run(context -> {
      context.getBean(QrCodeService.class).temporary(SceneValue.of(1), Duration.ofMinutes(5));

      assertThat(fake.journal().count(FakeWeChatServer.STABLE_TOKEN)).isEqualTo(1);
      assertThat(fake.journal().count(FakeWeChatServer.TOKEN)).isZero();
    });
  }

  @Test
  void token_mode_classic_fetches_with_the_classic_call() {
    against(fake).withPropertyValues("wechat.qrcode.token-mode=classic").run(context -> {
      context.getBean(QrCodeService.class).temporary(SceneValue.of(1), Duration.ofMinutes(5));

      assertThat(fake.journal().count(FakeWeChatServer.TOKEN)).isEqualTo(1);
      assertThat(fake.journal().count(FakeWeChatServer.STABLE_TOKEN)).isZero();
    });
  }

  @Test
  void read_timeout_cuts_off_a_slow_answer() {
    fake.failNext(FakeWeChatServer.CREATE, Fault.delay(Duration.ofSeconds(2)), 1);
    against(fake).withPropertyValues("wechat.qrcode.read-timeout=100ms", "wechat.qrcode.retry.max-attempts=1")
        .run(context -> assertThatThrownBy(() ->
            context.getBean(QrCodeService.class).temporary(SceneValue.of(1), Duration.ofMinutes(5)))
            .isInstanceOf(UpstreamUnavailable.class));
  }

  @Test
  void retry_max_attempts_bounds_the_attempts_at_a_busy_upstream() {
    fake.failNext(FakeWeChatServer.CREATE, -1, 1);
    against(fake).withPropertyValues("wechat.qrcode.retry.max-attempts=1").run(context ->
        assertThatThrownBy(() -> context.getBean(QrCodeService.class).temporary(SceneValue.of(1), Duration.ofMinutes(5)))
            .isInstanceOfSatisfying(UpstreamUnavailable.class, busy -> assertThat(busy.errcode())
                .hasValue(WeChatApiException.SYSTEM_BUSY)));
    assertThat(fake.journal().count(FakeWeChatServer.CREATE)).isEqualTo(1);
    fake.failNext(FakeWeChatServer.CREATE, -1, 1);
    against(fake).withPropertyValues("wechat.qrcode.retry.max-attempts=2").run(context ->
        assertThat(context.getBean(QrCodeService.class).temporary(SceneValue.of(1), Duration.ofMinutes(5))).isNotNull());
  }

  @Test
  void retry_budget_stops_retries_whose_wait_would_end_after_it() {
    fake.failNext(FakeWeChatServer.CREATE, -1, 1);
    against(fake).withPropertyValues("wechat.qrcode.retry.budget=1ms", "wechat.qrcode.retry.initial-backoff=50ms",
        "wechat.qrcode.retry.max-backoff=50ms").run(context ->
        assertThatThrownBy(() -> context.getBean(QrCodeService.class).temporary(SceneValue.of(1), Duration.ofMinutes(5)))
            .isInstanceOfSatisfying(UpstreamUnavailable.class, busy -> assertThat(busy.errcode())
                .hasValue(WeChatApiException.SYSTEM_BUSY)));
    assertThat(fake.journal().count(FakeWeChatServer.CREATE)).isEqualTo(1);
  }

  @Test
  void reuse_policy_half_lifetime_by_default_reuses_a_fresh_code() {
    against(fake).run(context -> assertThat(twoCodesFor(context.getBean(QrCodeService.class))).isEqualTo(1));
  }

  @Test
  void reuse_policy_never_creates_a_code_per_call() {
    against(fake).withPropertyValues("wechat.qrcode.reuse.policy=never")
        .run(context -> assertThat(twoCodesFor(context.getBean(QrCodeService.class))).isEqualTo(2));
  }

  @Test
  void reuse_policy_at_least_reuses_only_codes_with_min_remaining_left() {
    against(fake).withPropertyValues("wechat.qrcode.reuse.policy=at-least", "wechat.qrcode.reuse.min-remaining=11m")
        .run(context -> assertThat(twoCodesFor(context.getBean(QrCodeService.class))).isEqualTo(2));
    fake.journal().clear();
    against(fake).withPropertyValues("wechat.qrcode.reuse.policy=at-least", "wechat.qrcode.reuse.min-remaining=9m")
        .run(context -> assertThat(twoCodesFor(context.getBean(QrCodeService.class))).isEqualTo(1));
  }

  @Test
  void a_reuse_policy_bean_of_the_application_wins_over_the_properties() {
    against(fake).withPropertyValues("wechat.qrcode.reuse.policy=half-lifetime")
        .withBean(ReusePolicy.class, ReusePolicy::never)
        .run(context -> assertThat(twoCodesFor(context.getBean(QrCodeService.class))).isEqualTo(2));
  }

  /** Asks twice for the same 10-minute code; returns how many create calls that took. */
  private long twoCodesFor(QrCodeService qrcodes) {
    qrcodes.temporary(SceneValue.of("reuse"), Duration.ofMinutes(10));
    qrcodes.temporary(SceneValue.of("reuse"), Duration.ofMinutes(10));
    return fake.journal().count(FakeWeChatServer.CREATE);
  }

  @Test
  void images_are_cached_by_default() {
    against(fake).run(context -> {
      assertThat(context.getBean(QrImageStore.class)).isInstanceOf(CaffeineImageStore.class);
      assertThat(context).doesNotHaveBean(CreationLock.class); // one process: the service's single flight
      assertThat(twoImageDownloads(context.getBean(QrCodeService.class))).isEqualTo(1);
    });
  }

  @Test
  void cache_max_image_size_zero_turns_the_image_cache_off() {
    against(fake).withPropertyValues("wechat.qrcode.cache.max-image-size=0")
        .run(context -> assertThat(twoImageDownloads(context.getBean(QrCodeService.class))).isEqualTo(2));
  }

  @Test
  void an_image_store_bean_of_the_application_replaces_the_cache() {
    against(fake).withBean(QrImageStore.class, QrImageStore::none)
        .run(context -> {
          assertThat(context).hasSingleBean(QrImageStore.class).doesNotHaveBean(CaffeineImageStore.class);
          assertThat(twoImageDownloads(context.getBean(QrCodeService.class))).isEqualTo(2);
        });
  }

  private long twoImageDownloads(QrCodeService qrcodes) {
    QrCode code = qrcodes.permanent(SceneValue.of("image"));
    qrcodes.image(code);
    qrcodes.image(code);
    return fake.journal().count(FakeWeChatServer.SHOW_QRCODE);
  }

  @Test
  void the_gateway_needs_the_secret_and_says_so() {
    runner().withPropertyValues("wechat.qrcode.app-id=" + StarterContexts.APP_ID).run(context ->
        assertThat(failure(context)).contains("wechat.qrcode.secret is required"));
  }
}
