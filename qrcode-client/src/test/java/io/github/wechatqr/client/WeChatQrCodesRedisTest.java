package io.github.wechatqr.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.port.CreationLock;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.redis.RedisStores;
import io.github.wechatqr.testkit.EmbeddedRedis;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.MutableClock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two instances built with {@code redis(..)} share one token and one set of codes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WeChatQrCodesRedisTest {
  private static EmbeddedRedis server;

  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start();

  @BeforeAll
  static void startRedis() {
    server = EmbeddedRedis.start();
  }

  @AfterAll
  static void stopRedis() {
    server.close();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private WeChatQrCodesBuilder instance(RedisStores redis) {
    return WeChatQrCodes.builder().appId(fake.appId()).secret(fake.secret())
        .apiBase(fake.baseUri()).mpBase(fake.baseUri()).clock(clock).redis(redis);
  }

  @Test
  void two_instances_on_one_redis_fetch_one_token_and_create_each_code_once() {
    try (RedisStores first = RedisStores.connect(server.uri()); RedisStores second = RedisStores.connect(server.uri());
        WeChatQrCodes a = instance(first).build(); WeChatQrCodes b = instance(second).build()) {
      QrCode made = a.service().permanent(SceneValue.of(42));
      QrCode found = b.service().permanent(SceneValue.of(42));
      b.service().permanent(SceneValue.of(43));

      assertThat(found).isEqualTo(made);
      assertThat(fake.journal().count(FakeWeChatServer.CREATE)).isEqualTo(2);
      assertThat(fake.journal().tokenFetches()).as("b took a's token from Redis").isEqualTo(1);
      assertThat(a.toString()).contains("RedisQrCodeStore", "creationLock=RedisCreationLock");
    }
  }

  @Test
  void closing_an_instance_leaves_the_redis_connection_it_was_given_open() {
    try (RedisStores redis = RedisStores.connect(server.uri())) {
      instance(redis).build().close();

      assertThat(redis.connection().isOpen()).isTrue();
    }
  }

  @Test
  void redis_brings_the_code_and_token_stores_so_neither_may_be_given_too() {
    try (RedisStores redis = RedisStores.connect(server.uri())) {
      assertThatThrownBy(() -> instance(redis).store(new InMemoryQrCodeStore(clock)).build())
          .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("redis and store are both given");
      assertThatThrownBy(() -> instance(redis).tokenStore(fetcher -> null).build())
          .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("redis and tokenStore are both given");
      assertThatThrownBy(() -> instance(redis).creationLock(CreationLock.local()).build())
          .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("redis and creationLock are both given");
    }
  }

  @Test
  void the_redis_parts_of_one_account_handed_to_another_are_scoped_to_its_keys() {
    // Both appids unused by the other tests: this Redis outlives each test, with the tokens of their fakes.
    String shopA = "wxscopeda0000001";
    String secretA = "secretofscopeda0000000000000001";
    String shopB = "wxscopedb0000002";
    String secretB = "secretofshopb000000000000000002";
    try (FakeWeChatServer twoAccounts = FakeWeChatServer.builder().clock(clock).account(shopA, secretA)
            .account(shopB, secretB).start();
        RedisStores redis = RedisStores.connect(server.uri())) {
      // all three made for the first account, handed to both builders
      var tokens = redis.tokenStore(shopA, clock, TokenPolicy.defaults());
      var codes = redis.qrCodeStore(shopA, clock);
      var lock = redis.creationLock(shopA);
      try (WeChatQrCodes a = WeChatQrCodes.builder().appId(shopA).secret(secretA)
              .apiBase(twoAccounts.baseUri()).mpBase(twoAccounts.baseUri()).clock(clock)
              .tokenStore(tokens).store(codes).creationLock(lock).build();
          WeChatQrCodes b = WeChatQrCodes.builder().appId(shopB).secret(secretB)
              .apiBase(twoAccounts.baseUri()).mpBase(twoAccounts.baseUri()).clock(clock)
              .tokenStore(tokens).store(codes).creationLock(lock).build()) {
        for (int i = 0; i < 3; i++) {
          QrCode onA = a.service().permanent(SceneValue.of(42));
          QrCode onB = b.service().permanent(SceneValue.of(42));
          assertThat(twoAccounts.code(onA.ticket()).orElseThrow().appId()).isEqualTo(shopA);
          assertThat(twoAccounts.code(onB.ticket()).orElseThrow().appId()).isEqualTo(shopB);
        }
        assertThat(twoAccounts.journal().count(FakeWeChatServer.CREATE)).isEqualTo(2);
        assertThat(twoAccounts.journal().tokenFetches()).as("one token per account, no 40001 loop").isEqualTo(2);
        assertThat(redis.connection().sync().keys("wechatqr:" + shopB + ":*")).as("B's keys under B's appid").isNotEmpty();
        assertThat(redis.connection().sync().exists("wechatqr:" + shopA + ":token:rejected",
            "wechatqr:" + shopB + ":token:rejected")).as("no token rejected (40001)").isZero();
      }
    }
  }
}
