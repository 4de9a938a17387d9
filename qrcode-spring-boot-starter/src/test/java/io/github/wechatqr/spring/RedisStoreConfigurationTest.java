package io.github.wechatqr.spring;

import static io.github.wechatqr.spring.StarterContexts.against;
import static io.github.wechatqr.spring.StarterContexts.configured;
import static io.github.wechatqr.spring.StarterContexts.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.cache.CaffeineAccessTokenStore;
import io.github.wechatqr.client.QrCodeServices;
import io.github.wechatqr.cache.CaffeineQrCodeStore;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.port.CreationLock;
import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.redis.RedisAccessTokenStore;
import io.github.wechatqr.redis.RedisCreationLock;
import io.github.wechatqr.redis.RedisQrCodeStore;
import io.github.wechatqr.redis.RedisStores;
import io.github.wechatqr.testkit.EmbeddedRedis;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code wechat.qrcode.store=redis} against a real redis-server: two application instances share one state. */
class RedisStoreConfigurationTest {
  private static EmbeddedRedis redis;
  private static RedisClient client;
  private final FakeWeChatServer fake = FakeWeChatServer.start();

  @BeforeAll
  static void startRedis() {
    redis = EmbeddedRedis.start();
    client = RedisClient.create(redis.uri());
  }

  @AfterAll
  static void stopRedis() throws IOException {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    redis.close();
  }

  @BeforeEach
  void emptyRedis() {
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      connection.sync().flushall();
    }
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  private ApplicationContextRunner instance() {
    return against(fake).withPropertyValues("wechat.qrcode.store=redis", "wechat.qrcode.redis.uri=" + redis.uri(),
        "wechat.qrcode.redis.key-prefix=shop:wx");
  }

  @Test
  void store_redis_puts_both_stores_and_the_creation_lock_on_redis() {
    instance().run(context -> {
      assertThat(context.getBean(QrCodeStore.class)).isInstanceOf(RedisQrCodeStore.class);
      assertThat(context.getBean(CreationLock.class)).isInstanceOf(RedisCreationLock.class);
      assertThat(context).hasSingleBean(AccessTokenStore.Factory.class);
      assertThat(context.getBean(AccessTokenState.class).store()).containsInstanceOf(RedisAccessTokenStore.class);
      assertThat(context).hasSingleBean(RedisStores.class).doesNotHaveBean(CaffeineQrCodeStore.class)
          .doesNotHaveBean(CaffeineAccessTokenStore.class);
    });
  }

  @Test
  void the_token_properties_make_the_policy_of_the_redis_store() {
    instance().withPropertyValues("wechat.qrcode.token.safety-margin=2m", "wechat.qrcode.token.refresh-ahead=7m",
        "wechat.qrcode.token.retry-delay=20s", "wechat.qrcode.token.failure-backoff=0s").run(context ->
        assertThat(context.getBean(AccessTokenState.class).store()).get()
            .isInstanceOfSatisfying(RedisAccessTokenStore.class, store -> assertThat(store.policy()).isEqualTo(
                TokenPolicy.builder().safetyMargin(Duration.ofMinutes(2)).refreshAhead(Duration.ofMinutes(7))
                    .retryDelay(Duration.ofSeconds(20)).failureBackoff(Duration.ZERO).build())));
  }

  @Test
  void an_instance_that_only_reads_the_shared_token_reports_it_healthy() {
    instance().run(a -> instance().run(b -> {
      a.getBean(QrCodeService.class).permanent(SceneValue.of(18));

      b.getBean(QrCodeService.class).temporary(SceneValue.of("b"), Duration.ofMinutes(5)); // a create: needs the token

      assertThat(fake.journal().tokenFetches()).isEqualTo(1);
      AccessTokenState fetchedNothing = b.getBean(AccessTokenState.class);
      assertThat(fetchedNothing.lastRefresh()).isEmpty();
      assertThat(fetchedNothing.validUntil()).isEqualTo(a.getBean(AccessTokenState.class).validUntil()).isPresent();
    }));
  }

  @Test
  void two_instances_share_the_token_and_the_permanent_codes() {
    AtomicReference<QrCode> fromA = new AtomicReference<>();
    instance().run(a -> instance().run(b -> {
      fromA.set(a.getBean(QrCodeService.class).permanent(SceneValue.of(17)));

      QrCode fromB = b.getBean(QrCodeService.class).permanent(SceneValue.of(17));
      b.getBean(QrCodeService.class).temporary(SceneValue.of("b"), Duration.ofMinutes(5));

      assertThat(fromB.ticket()).isEqualTo(fromA.get().ticket());
      assertThat(fake.journal().count(FakeWeChatServer.CREATE)).isEqualTo(2); // the permanent once, the temporary
      assertThat(fake.journal().tokenFetches()).isEqualTo(1);
    }));
  }

  @Test
  void the_key_prefix_names_every_key() {
    instance().run(context -> context.getBean(QrCodeService.class).permanent(SceneValue.of(5)));

    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      assertThat(connection.sync().keys("*")).isNotEmpty().allMatch(key -> key.startsWith("shop:wx:" + fake.appId() + ":"));
    }
  }

  @Test
  void without_a_uri_the_applications_redis_client_bean_is_used() {
    // The context shuts its RedisClient bean down when it closes, as it would the application's.
    against(fake).withPropertyValues("wechat.qrcode.store=redis").withBean(RedisClient.class, () -> RedisClient.create(redis.uri()))
        .run(context -> {
          context.getBean(QrCodeService.class).permanent(SceneValue.of(6));

          try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().keys("wechatqr:*")).isNotEmpty();
          }
        });
  }

  @Test
  void without_a_uri_the_applications_connection_bean_is_borrowed_and_left_open() {
    StatefulRedisConnection<String, String> own = client.connect();
    try {
      ApplicationContextRunner runner = against(fake).withPropertyValues("wechat.qrcode.store=redis")
          .withBean("ownConnection", StatefulRedisConnection.class, () -> own, definition -> definition.setDestroyMethodName(""));
      runner.run(context -> context.getBean(QrCodeService.class).permanent(SceneValue.of(7)));

      assertThat(own.isOpen()).isTrue();
      assertThat(own.sync().keys("wechatqr:*")).isNotEmpty();
    } finally {
      own.close();
    }
  }

  @Test
  void without_a_uri_or_a_client_the_start_says_what_is_missing() {
    configured().withPropertyValues("wechat.qrcode.store=redis").run(context -> assertThat(failure(context))
        .contains("wechat.qrcode.store=redis needs wechat.qrcode.redis.uri, or a RedisClient"));
  }

  @Test
  void without_the_redis_adapter_the_start_names_the_module_to_add() {
    configured().withPropertyValues("wechat.qrcode.store=redis").withClassLoader(new FilteredClassLoader(RedisStores.class))
        .run(context -> assertThat(failure(context)).contains("needs the module io.github.wechatqr:qrcode-adapter-redis"));
  }

  @Test
  void an_account_whose_store_is_redis_keeps_its_codes_there_under_its_appid_and_the_other_stays_in_process() {
    String appB = "wxbbbb000000000002";
    try (FakeWeChatServer two = FakeWeChatServer.builder().account(fake.appId(), fake.secret())
        .account(appB, "secretOfShopB000000000000000002").start()) {
      new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WeChatQrCodeAutoConfiguration.class))
          .withPropertyValues("wechat.qrcode.api-base=" + two.baseUri(), "wechat.qrcode.mp-base=" + two.baseUri(),
              "wechat.qrcode.redis.uri=" + redis.uri(),
              "wechat.qrcode.accounts.shop-a.app-id=" + fake.appId(), "wechat.qrcode.accounts.shop-a.secret=" + fake.secret(),
              "wechat.qrcode.accounts.shop-a.store=redis",
              "wechat.qrcode.accounts.shop-b.app-id=" + appB,
              "wechat.qrcode.accounts.shop-b.secret=secretOfShopB000000000000000002")
          .run(context -> {
            QrCodeServices accounts = context.getBean(QrCodeServices.class);
            accounts.get("shop-a").permanent(SceneValue.of(8));
            accounts.get("shop-b").permanent(SceneValue.of(8));

            assertThat(context).hasSingleBean(RedisStores.class);
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
              assertThat(connection.sync().keys("*")).isNotEmpty()
                  .allMatch(key -> key.startsWith("wechatqr:" + fake.appId() + ":"));
            }
          });
    }
  }

  @Test
  void an_account_on_redis_without_the_adapter_names_its_store_property() {
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WeChatQrCodeAutoConfiguration.class))
        .withClassLoader(new FilteredClassLoader(RedisStores.class))
        .withPropertyValues("wechat.qrcode.accounts.shop-a.app-id=" + fake.appId(),
            "wechat.qrcode.accounts.shop-a.secret=" + fake.secret(), "wechat.qrcode.accounts.shop-a.store=redis")
        .run(context -> assertThat(failure(context)).contains("wechat.qrcode.accounts.shop-a.store=redis needs the"
            + " module io.github.wechatqr:qrcode-adapter-redis"));
  }
}
