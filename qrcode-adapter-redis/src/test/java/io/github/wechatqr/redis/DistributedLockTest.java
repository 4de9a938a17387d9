package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedRedis.class)
class DistributedLockTest {
  private final RedisCommands<String, String> raw = SharedRedis.raw();
  private final AtomicInteger busy = new AtomicInteger();
  private final DistributedLock lock = new DistributedLock(SharedRedis.stores().ops(), Duration.ofSeconds(10),
      Duration.ofMillis(300), busy::incrementAndGet);
  private final String key = "test:" + SharedRedis.freshAppId() + ":lock";

  @Test
  void one_attempt_holds_the_lock_with_its_owner_token_and_a_lease() {
    Optional<String> first = lock.tryAcquire(key);

    assertThat(first).isPresent();
    assertThat(raw.get(key)).isEqualTo(first.get());
    assertThat(raw.pttl(key)).isBetween(9_000L, 10_000L);
    assertThat(lock.tryAcquire(key)).isEmpty();
    assertThat(busy).hasValue(1);
  }

  @Test
  void only_the_owner_releases_the_lock() {
    String owner = lock.tryAcquire(key).orElseThrow();

    lock.release(key, "someone-else");
    assertThat(raw.get(key)).isEqualTo(owner);
    lock.release(key, owner);
    assertThat(raw.exists(key)).isZero();
  }

  @Test
  void an_attempt_whose_set_was_replayed_after_a_reconnect_recognises_the_lock_as_its_own() {
    // the first execution set it (with its lease); the replay would answer "not set"
    raw.set(key, "attempt-1", SetArgs.Builder.px(10_000));

    assertThat(lock.tryAcquire(key, "attempt-1")).contains("attempt-1");
    assertThat(lock.tryAcquire(key, "attempt-2")).isEmpty();
  }

  @Test
  void while_waiting_a_result_produced_by_the_holder_ends_the_wait() {
    raw.set(key, "holder", SetArgs.Builder.px(10_000));
    AtomicInteger polls = new AtomicInteger();

    String result = lock.run(key, "doing it", lock.deadline(), owner -> "mine",
        () -> polls.incrementAndGet() < 3 ? Optional.empty() : Optional.of("the holder's"));

    assertThat(result).isEqualTo("the holder's");
    assertThat(raw.get(key)).isEqualTo("holder");
  }

  @Test
  void the_work_runs_under_the_lock_and_the_lock_is_released_afterwards() {
    String result = lock.run(key, "doing it", lock.deadline(), owner -> raw.get(key).equals(owner) ? "held" : "not held",
        Optional::empty);

    assertThat(result).isEqualTo("held");
    assertThat(raw.exists(key)).isZero();
  }

  @Test
  void a_key_without_expiry_is_stale_and_taken_over_with_a_lease_of_this_attempt() {
    raw.set(key, "planted");

    assertThat(lock.tryAcquire(key, "attempt-1")).contains("attempt-1");
    assertThat(raw.get(key)).isEqualTo("attempt-1");
    assertThat(raw.pttl(key)).isBetween(9_000L, 10_000L);
    assertThat(busy).hasValue(0);
  }

  @Test
  void a_key_with_more_left_than_a_lease_is_stale_and_one_within_a_lease_is_held() {
    raw.set(key, "planted", SetArgs.Builder.px(11_000));
    assertThat(lock.tryAcquire(key, "attempt-1")).contains("attempt-1");

    raw.set(key, "holder", SetArgs.Builder.px(10_000));
    assertThat(lock.tryAcquire(key, "attempt-2")).isEmpty();
    assertThat(raw.get(key)).isEqualTo("holder");
    assertThat(busy).hasValue(1);
  }

  @Test
  void a_taken_over_lock_is_released_by_its_new_owner_only() {
    raw.set(key, "planted");
    String owner = lock.tryAcquire(key).orElseThrow();

    lock.release(key, "planted");
    assertThat(raw.get(key)).isEqualTo(owner);
    lock.release(key, owner);
    assertThat(raw.exists(key)).isZero();
  }
}
