package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.RefreshReason;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.testkit.EmbeddedRedis;
import io.github.wechatqr.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Redis stopped and started again under the stores: clear errors while down, recovery after, nothing corrupt. */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class RedisStoresOutageTest {
  private static final RedisStoreSettings SETTINGS = RedisStoreSettings.defaults()
      .withCommandTimeout(Duration.ofMillis(500));
  private static final Duration RECOVERY = Duration.ofSeconds(15);
  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final AtomicInteger fetches = new AtomicInteger();
  private int serial;

  private AccessToken fetch() {
    return new AccessToken("token-" + fetches.incrementAndGet(), clock.instant().plus(Duration.ofHours(2)));
  }

  private AccessTokenStore tokenStore(RedisStores redis, String appId) {
    return redis.tokenStore(appId, clock, TokenPolicy.defaults()).create(reason -> fetch());
  }

  private QrCode code() {
    serial++;
    return new QrCode(QrCodeRequest.temporary(SceneValue.of(serial), Duration.ofHours(1)),
        new Ticket("gQH+" + serial + "/x=="), "http://weixin.qq.com/q/" + serial, clock.instant(),
        clock.instant().plus(Duration.ofHours(1)));
  }

  private static void assertRedisDown(ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(UpstreamUnavailable.class).hasMessageStartingWith("Redis unavailable while")
        .hasNoCause();
  }

  private static boolean answers(Supplier<?> call) {
    try {
      call.get();
      return true;
    } catch (QrCodeException e) {
      return false;
    }
  }

  @Test
  void while_redis_is_down_callers_get_upstream_unavailable_and_afterwards_every_entry_is_intact(@TempDir Path data) {
    try (EmbeddedRedis server = EmbeddedRedis.startPersistent(data);
        RedisStores redis = RedisStores.connect(server.uri(), SETTINGS)) {
      RedisQrCodeStore codes = redis.qrCodeStore("wxoutage", clock);
      RedisCreationLock lock = redis.creationLock("wxoutage");
      AccessTokenStore tokens = tokenStore(redis, "wxoutage");
      QrCode before = code();
      codes.save(before);
      AccessToken token = tokens.get();

      server.stop();
      QrCode during = code();
      assertRedisDown(() -> codes.save(during));
      assertRedisDown(() -> codes.findByRequest(before.request()));
      assertRedisDown(() -> codes.findByTicket(before.ticket()));
      assertRedisDown(() -> lock.whileCreating(during.request(), () -> {
        throw new AssertionError("no creation without the lock");
      }));
      assertRedisDown(() -> tokens.get());
      assertRedisDown(() -> tokens.invalidate(token));
      assertThat(fetches).as("no instance fetches a token of its own while Redis is down").hasValue(1);

      server.up();
      Waits.until(RECOVERY, () -> answers(() -> codes.findByTicket(before.ticket())));
      assertThat(codes.findByTicket(before.ticket())).contains(before);
      assertThat(codes.findByRequest(before.request())).contains(before);
      assertThat(codes.findByTicket(during.ticket())).isEmpty();
      assertThat(codes.findByRequest(during.request())).isEmpty();
      assertThat(tokens.get()).isEqualTo(token);
      codes.save(during);
      assertThat(codes.findByTicket(during.ticket())).contains(during);
      assertThat(fetches).hasValue(1);
    }
  }

  @Test
  void a_restart_that_lost_every_key_costs_one_token_fetch_and_nothing_else() {
    try (EmbeddedRedis server = EmbeddedRedis.start();
        RedisStores redis = RedisStores.connect(server.uri(), SETTINGS)) {
      AccessTokenStore tokens = tokenStore(redis, "wxlost");
      RedisQrCodeStore codes = redis.qrCodeStore("wxlost", clock);
      tokens.get();
      QrCode lost = code();
      codes.save(lost);

      server.stop();
      server.up();
      Waits.until(RECOVERY, () -> answers(() -> tokens.get()));

      assertThat(tokens.get().value()).isEqualTo("token-2");
      assertThat(codes.findByTicket(lost.ticket())).isEmpty();
      assertThat(fetches).hasValue(2);
    }
  }

  @Test
  void a_token_fetched_just_before_redis_went_down_is_still_handed_to_the_caller() {
    try (EmbeddedRedis server = EmbeddedRedis.start();
        RedisStores redis = RedisStores.connect(server.uri(), SETTINGS)) {
      AccessTokenStore tokens = redis.tokenStore("wxunshared", clock, TokenPolicy.defaults()).create(reason -> {
        server.stop(); // the token cannot be shared any more, nor the lock released
        return fetch();
      });

      assertThat(tokens.get().value()).isEqualTo("token-1");
      assertRedisDown(tokens::get);
      assertThat(fetches).hasValue(1);
    }
  }

  @Test
  void a_rejection_is_kept_across_a_restart_that_keeps_the_data(@TempDir Path data) {
    try (EmbeddedRedis server = EmbeddedRedis.startPersistent(data);
        RedisStores redis = RedisStores.connect(server.uri(), SETTINGS)) {
      List<RefreshReason> reasons = new CopyOnWriteArrayList<>();
      AccessTokenStore tokens = redis.tokenStore("wxrestart", clock, TokenPolicy.defaults()).create(reason -> {
        reasons.add(reason);
        return fetch();
      });
      tokens.invalidate(tokens.get());

      server.stop();
      server.up();
      Waits.until(RECOVERY, () -> answers(tokens::get));

      assertThat(tokens.get().value()).isEqualTo("token-2");
      assertThat(reasons).containsExactly(RefreshReason.DUE, RefreshReason.REJECTED);
    }
  }
}
