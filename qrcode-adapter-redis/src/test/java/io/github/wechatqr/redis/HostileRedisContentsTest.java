package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.domain.token.AccessTokenFetcher;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.MutableClock;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis contents the stores must not trust as they are (issue 17, point 7): keys planted, left by a bug or
 * edited by hand, straight into the shared Redis. Each test here fails on a store that trusts them.
 */
@ExtendWith(SharedRedis.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileRedisContentsTest {
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
  /** A short wait budget, so a store that waits for a planted lock fails in 4 s instead of 15. */
  private static final RedisStoreSettings SETTINGS = RedisStoreSettings.defaults()
      .withLockTtl(Duration.ofSeconds(2)).withLockWait(Duration.ofSeconds(4));
  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final String appId = SharedRedis.freshAppId();
  private final RedisKeys keys = new RedisKeys(SETTINGS.keyPrefix(), appId);
  private final RedisCommands<String, String> raw = SharedRedis.raw();
  private final InMemoryQrCodeGateway upstream = new InMemoryQrCodeGateway(clock);
  private final AtomicInteger busy = new AtomicInteger();
  private final List<String> fetches = new CopyOnWriteArrayList<>();
  @RegisterExtension
  final BackgroundRefreshes refreshes = new BackgroundRefreshes();

  private RedisQrCodeStore codeStore() {
    return new RedisQrCodeStore(SharedRedis.stores().ops(), keys, clock, SETTINGS, busy::incrementAndGet);
  }

  private QrCodeService service() {
    return new QrCodeService(upstream, codeStore(), clock);
  }

  private RedisAccessTokenStore tokenStore(AccessTokenFetcher fetcher) {
    return new RedisAccessTokenStore(SharedRedis.stores().ops(), keys, fetcher, clock, TokenPolicy.defaults(),
        SETTINGS, refreshes, busy::incrementAndGet);
  }

  private RedisAccessTokenStore tokenStore() {
    return tokenStore(reason -> {
      fetches.add(reason.name());
      return new AccessToken("token-" + fetches.size(), clock.instant().plus(Duration.ofHours(2)));
    });
  }

  private static Duration timed(Runnable call) {
    long started = System.nanoTime();
    call.run();
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /** Lock keys always carry a lease, and one without (or with more left than any lease) is taken over. */
  @Nested
  class StaleLocks {
    @Test
    void a_create_lock_planted_without_expiry_is_taken_over_at_once_and_the_code_is_created() {
      QrCodeRequest request = QrCodeRequest.temporary(SceneValue.of(7), TEN_MINUTES);
      String lock = keys.requestLock(request);
      raw.set(lock, "planted");
      QrCodeService service = service();

      QrCode[] code = new QrCode[1];
      Duration took = timed(() -> code[0] = service.obtain(request));

      assertThat(code[0].request()).isEqualTo(request);
      assertThat(upstream.issueCount()).isEqualTo(1);
      assertThat(took).as("well under lockWait").isLessThan(SETTINGS.lockWait().dividedBy(2));
      assertThat(busy).as("it never waited for the planted key").hasValue(0);
      assertThat(raw.exists(lock)).as("its own lease released after the creation").isZero();
      assertThat(LogLines.warnings(appId)).anySatisfy(line -> assertThat(line)
          .contains("Took over the Redis lock " + lock + ": it had no expiry"));
    }

    @Test
    void a_token_lock_planted_without_expiry_is_taken_over_at_once_and_the_token_fetched() {
      raw.set(keys.tokenLock(), "planted");
      RedisAccessTokenStore store = tokenStore();

      AccessToken[] token = new AccessToken[1];
      Duration took = timed(() -> token[0] = store.get());

      assertThat(token[0].value()).isEqualTo("token-1");
      assertThat(fetches).containsExactly("DUE");
      assertThat(took).as("well under lockWait").isLessThan(SETTINGS.lockWait().dividedBy(2));
      assertThat(busy).hasValue(0);
      assertThat(raw.exists(keys.tokenLock())).isZero();
      assertThat(raw.hget(keys.token(), "value")).as("shared with the other instances").isEqualTo("token-1");
    }

    @Test
    void a_lock_with_more_left_than_any_lease_is_taken_over_as_stale() {
      QrCodeRequest request = QrCodeRequest.permanent(SceneValue.of("shop:1"));
      raw.set(keys.requestLock(request), "planted", SetArgs.Builder.px(Duration.ofHours(1).toMillis()));
      raw.set(keys.tokenLock(), "planted", SetArgs.Builder.px(Duration.ofHours(1).toMillis()));

      Duration took = timed(() -> {
        service().obtain(request);
        tokenStore().get();
      });

      assertThat(took).isLessThan(SETTINGS.lockWait().dividedBy(2));
      assertThat(upstream.issueCount()).isEqualTo(1);
      assertThat(fetches).containsExactly("DUE");
      assertThat(busy).hasValue(0);
      assertThat(LogLines.warnings(appId)).anySatisfy(line -> assertThat(line)
          .contains("Took over the Redis lock " + keys.tokenLock() + ": it had ").contains(" ms left"));
    }

    @Test
    void a_lock_key_of_another_type_without_expiry_is_taken_over_too() {
      QrCodeRequest request = QrCodeRequest.temporary(SceneValue.of(8), TEN_MINUTES);
      raw.hset(keys.requestLock(request), "planted", "hash");

      Duration took = timed(() -> service().obtain(request));

      assertThat(took).isLessThan(SETTINGS.lockWait().dividedBy(2));
      assertThat(upstream.issueCount()).isEqualTo(1);
      assertThat(raw.exists(keys.requestLock(request))).isZero();
    }
  }
}
