package io.github.wechatqr.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.github.benmanes.caffeine.cache.Scheduler;
import io.github.wechatqr.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CacheRuntimeTest {
  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00.000000001Z");

  @Test
  void the_ticker_follows_the_clock_in_epoch_nanoseconds() {
    CacheRuntime runtime = CacheRuntime.sameThread(clock);
    long before = runtime.ticker().read();
    assertThat(before).isEqualTo(Instant.parse("2026-03-01T00:00:00Z").getEpochSecond() * 1_000_000_000L + 1);
    clock.advance(Duration.ofHours(2));
    assertThat(runtime.ticker().read() - before).isEqualTo(Duration.ofHours(2).toNanos());
  }

  @Test
  void instants_beyond_the_nanosecond_range_saturate() {
    assertThat(CacheRuntime.nanos(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
    assertThat(CacheRuntime.nanos(Instant.MIN)).isEqualTo(Long.MIN_VALUE);
    assertThat(CacheRuntime.nanos(Instant.ofEpochSecond(-1))).isEqualTo(-1_000_000_000L);
  }

  @Test
  void time_until_a_deadline_is_never_negative_and_never_overflows() {
    assertThat(CacheRuntime.nanosUntil(150, 100)).isEqualTo(50);
    assertThat(CacheRuntime.nanosUntil(100, 150)).isZero();
    assertThat(CacheRuntime.nanosUntil(Long.MAX_VALUE, -10)).isEqualTo(Long.MAX_VALUE);
    assertThat(CacheRuntime.nanosUntil(Long.MIN_VALUE, 10)).isZero();
  }

  @Test
  void same_thread_runs_work_on_the_caller_and_schedules_nothing() {
    CacheRuntime runtime = CacheRuntime.sameThread(clock);
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    runtime.executor().execute(() -> ranOn.set(Thread.currentThread()));
    assertThat(ranOn).hasValue(Thread.currentThread());
    assertThat(runtime.scheduler()).isSameAs(Scheduler.disabledScheduler());
  }

  @Test
  void production_uses_the_common_pool_and_a_real_scheduler() {
    CacheRuntime runtime = CacheRuntime.of(clock);
    assertThat(runtime.executor()).isSameAs(ForkJoinPool.commonPool());
    assertThat(runtime.scheduler()).isNotSameAs(Scheduler.disabledScheduler());
    assertThat(runtime.clock()).isSameAs(clock);
  }

  @Test
  void every_part_is_required() {
    assertThatNullPointerException().isThrownBy(() -> new CacheRuntime(null, Runnable::run, Scheduler.disabledScheduler()));
    assertThatNullPointerException().isThrownBy(() -> new CacheRuntime(clock, null, Scheduler.disabledScheduler()));
    assertThatNullPointerException().isThrownBy(() -> new CacheRuntime(clock, Runnable::run, null));
  }
}
