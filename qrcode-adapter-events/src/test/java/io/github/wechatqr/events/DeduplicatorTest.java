package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.events.Deduplicator.Claim;
import io.github.wechatqr.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeduplicatorTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final Deduplicator dedup = new Deduplicator(clock, Duration.ofMinutes(5), 1_000);
  private static final Fingerprint KEY = key("o");

  private static Fingerprint key(String openId) {
    return DeliveryKey.of("gh", openId, "1700000000", "event", "SCAN", "1", null);
  }

  @Test
  void instants_beyond_the_range_of_epoch_nanoseconds_saturate_instead_of_wrapping_round() {
    Instant last = Instant.ofEpochSecond(0, Long.MAX_VALUE);
    Instant first = Instant.ofEpochSecond(0, Long.MIN_VALUE);
    assertThat(Deduplicator.nanos(last)).isEqualTo(Long.MAX_VALUE);
    assertThat(Deduplicator.nanos(last.plusNanos(1))).isEqualTo(Long.MAX_VALUE);
    assertThat(Deduplicator.nanos(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
    assertThat(Deduplicator.nanos(first)).isEqualTo(Long.MIN_VALUE);
    assertThat(Deduplicator.nanos(first.minusNanos(1))).isEqualTo(Long.MIN_VALUE);
    assertThat(Deduplicator.nanos(Instant.MIN)).isEqualTo(Long.MIN_VALUE);
    assertThat(Deduplicator.nanos(Instant.ofEpochSecond(-1, 1))).isEqualTo(-999_999_999L);
  }

  @Test
  void a_completed_push_is_forgotten_however_far_the_clock_jumps() {
    dedup.claim(KEY);
    dedup.completed(KEY);
    // 2^64 ns after 1970, in the year 2554: wrapped round, the reading would fall before 2026 and the
    // window would never seem to pass.
    clock.set(Instant.ofEpochSecond(18_446_744_073L, 709_551_616));
    assertThat(dedup.claim(KEY)).isEqualTo(Claim.FIRST);
  }

  @Test
  void a_push_is_a_duplicate_only_after_it_was_completed() {
    assertThat(dedup.claim(KEY)).isEqualTo(Claim.FIRST);
    assertThat(dedup.claim(KEY)).isEqualTo(Claim.IN_PROGRESS);
    dedup.completed(KEY);
    assertThat(dedup.claim(KEY)).isEqualTo(Claim.DUPLICATE);
  }

  @Test
  void an_abandoned_push_is_handled_afresh() {
    assertThat(dedup.claim(KEY)).isEqualTo(Claim.FIRST);
    dedup.abandoned(KEY);
    assertThat(dedup.claim(KEY)).isEqualTo(Claim.FIRST);
  }

  @Test
  void different_pushes_do_not_interfere() {
    assertThat(dedup.claim(KEY)).isEqualTo(Claim.FIRST);
    assertThat(dedup.claim(key("other"))).isEqualTo(Claim.FIRST);
  }

  @Test
  void a_completed_push_is_forgotten_after_the_window_by_the_injected_clock() {
    dedup.claim(KEY);
    dedup.completed(KEY);
    clock.advance(Duration.ofMinutes(5).minusSeconds(1));
    assertThat(dedup.claim(KEY)).isEqualTo(Claim.DUPLICATE);
    clock.advance(Duration.ofSeconds(1));
    assertThat(dedup.claim(KEY)).isEqualTo(Claim.FIRST);
  }

  @Test
  void memory_is_bounded_by_the_capacity() {
    Deduplicator small = new Deduplicator(clock, Duration.ofMinutes(5), 10);
    for (int i = 0; i < 200; i++) {
      Fingerprint key = key("o" + i);
      small.claim(key);
      small.completed(key);
    }
    long remembered = 0;
    for (int i = 0; i < 200; i++) {
      if (small.claim(key("o" + i)) == Claim.DUPLICATE) {
        remembered++;
      }
    }
    assertThat(remembered).isLessThanOrEqualTo(10);
  }

  @Test
  void of_many_concurrent_claims_of_one_push_exactly_one_wins() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Claim>> claims = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        claims.add(pool.submit(() -> {
          start.await();
          return dedup.claim(KEY);
        }));
      }
      start.countDown();
      List<Claim> outcomes = new ArrayList<>();
      for (Future<Claim> claim : claims) {
        outcomes.add(claim.get(10, TimeUnit.SECONDS));
      }
      assertThat(outcomes).containsOnlyOnce(Claim.FIRST).doesNotContain(Claim.DUPLICATE);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void a_claim_racing_a_completion_sees_either_the_claim_or_the_completion() throws Exception {
    // Many rounds of: one thread completes, another claims at the same moment. The claimer must see
    // IN_PROGRESS or DUPLICATE, never FIRST, because completion marks the push seen before releasing it.
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 500; round++) {
        Fingerprint key = key("race" + round);
        assertThat(dedup.claim(key)).isEqualTo(Claim.FIRST);
        CountDownLatch start = new CountDownLatch(1);
        Future<?> completer = pool.submit(() -> {
          start.await();
          dedup.completed(key);
          return null;
        });
        Future<Claim> claimer = pool.submit(() -> {
          start.await();
          return dedup.claim(key);
        });
        start.countDown();
        completer.get(10, TimeUnit.SECONDS);
        assertThat(claimer.get(10, TimeUnit.SECONDS)).isNotEqualTo(Claim.FIRST);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
