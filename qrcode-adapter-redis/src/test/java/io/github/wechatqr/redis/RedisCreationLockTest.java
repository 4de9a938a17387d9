package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.port.CreationLock;
import io.github.wechatqr.testkit.CreationLockContract;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The kit with each holder on a connection of its own (two instances of a host application), and the lock
 * keys a hostile or buggy writer could leave behind: a key without a lease, or not a string, is taken over
 * at once instead of blocking every creation of its request.
 */
@ExtendWith(SharedRedis.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisCreationLockTest extends CreationLockContract {
  /** A short wait budget, so a lock that waits for a planted key fails in 4 s instead of 15. */
  private static final RedisStoreSettings SETTINGS = RedisStoreSettings.defaults()
      .withLockTtl(Duration.ofSeconds(2)).withLockWait(Duration.ofSeconds(4));
  private static final QrCodeRequest REQUEST = QrCodeRequest.temporary(SceneValue.of(7), Duration.ofMinutes(10));
  private final String appId = SharedRedis.freshAppId();
  private final RedisKeys keys = new RedisKeys(SETTINGS.keyPrefix(), appId);
  private final RedisCommands<String, String> raw = SharedRedis.raw();
  private final AtomicInteger busy = new AtomicInteger();
  @RegisterExtension
  final Instances instances = new Instances();

  @Override
  protected CreationLock createHolder() {
    return instances.open(SETTINGS).creationLock(appId);
  }

  private RedisCreationLock counting() {
    RedisStores redis = instances.open(SETTINGS);
    return new RedisCreationLock(redis.ops(), keys, SETTINGS, busy::incrementAndGet);
  }

  private static Duration timed(Runnable call) {
    long started = System.nanoTime();
    call.run();
    return Duration.ofNanos(System.nanoTime() - started);
  }

  @Test
  void the_lease_is_held_under_the_requests_lock_key_while_creating_and_released_afterwards() {
    String key = keys.requestLock(REQUEST);
    String seen = createHolder().whileCreating(REQUEST, () -> raw.get(key) + " for " + raw.pttl(key) / 1000 + " s");
    assertThat(seen).matches("[0-9a-f-]{36} for [12] s");
    assertThat(raw.exists(key)).isZero();
  }

  @Test
  void a_lock_key_planted_without_expiry_is_taken_over_at_once() {
    String key = keys.requestLock(REQUEST);
    raw.set(key, "planted");
    RedisCreationLock lock = counting();

    String[] result = new String[1];
    Duration took = timed(() -> result[0] = lock.whileCreating(REQUEST, () -> "created"));

    assertThat(result[0]).isEqualTo("created");
    assertThat(took).as("well under lockWait").isLessThan(SETTINGS.lockWait().dividedBy(2));
    assertThat(busy).as("it never waited for the planted key").hasValue(0);
    assertThat(raw.exists(key)).as("its own lease released after the creation").isZero();
    assertThat(LogLines.warnings(appId)).anySatisfy(line -> assertThat(line)
        .contains("Took over the Redis lock " + key + ": it had no expiry"));
  }

  @Test
  void a_lock_key_with_more_left_than_any_lease_is_taken_over_as_stale() {
    String key = keys.requestLock(REQUEST);
    raw.set(key, "planted", SetArgs.Builder.px(Duration.ofHours(1).toMillis()));

    Duration took = timed(() -> counting().whileCreating(REQUEST, () -> "created"));

    assertThat(took).isLessThan(SETTINGS.lockWait().dividedBy(2));
    assertThat(busy).hasValue(0);
    assertThat(LogLines.warnings(appId)).anySatisfy(line -> assertThat(line)
        .contains("Took over the Redis lock " + key + ": it had ").contains(" ms left"));
  }

  @Test
  void a_lock_key_of_another_type_without_expiry_is_taken_over_too() {
    String key = keys.requestLock(REQUEST);
    raw.hset(key, "planted", "hash");

    Duration took = timed(() -> counting().whileCreating(REQUEST, () -> "created"));

    assertThat(took).isLessThan(SETTINGS.lockWait().dividedBy(2));
    assertThat(raw.exists(key)).isZero();
  }
}
