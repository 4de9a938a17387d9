package io.github.wechatqr.domain.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.UpstreamUnavailable;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SingleFlightTest {
  private static final int CALLERS = 16;
  private final ExecutorService pool = Executors.newFixedThreadPool(CALLERS);

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void callers_that_arrive_during_a_flight_share_its_value() throws Exception {
    CountDownLatch joined = new CountDownLatch(CALLERS - 1);
    SingleFlight<String, Object> flight = new SingleFlight<>(joined::countDown);
    AtomicInteger runs = new AtomicInteger();
    List<Future<Object>> results = submitAll(() -> flight.run("k", () -> {
      runs.incrementAndGet();
      await(joined);
      return new Object();
    }));
    Object first = results.get(0).get(10, TimeUnit.SECONDS);
    for (Future<Object> result : results) {
      assertThat(result.get(10, TimeUnit.SECONDS)).isSameAs(first);
    }
    assertThat(runs).hasValue(1);
  }

  @Test
  void a_failure_reaches_every_waiter_as_the_same_exception_and_is_not_remembered() throws Exception {
    CountDownLatch joined = new CountDownLatch(CALLERS - 1);
    SingleFlight<String, String> flight = new SingleFlight<>(joined::countDown);
    QrCodeException boom = new QrCodeException("boom");
    List<Future<String>> results = submitAll(() -> flight.run("k", () -> {
      await(joined);
      throw boom;
    }));
    for (Future<String> result : results) {
      assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class).cause().isSameAs(boom);
    }
    assertThat(flight.run("k", () -> "again")).isEqualTo("again");
  }

  @Test
  void an_error_is_shared_as_well() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch joined = new CountDownLatch(1);
    SingleFlight<String, String> flight = new SingleFlight<>(joined::countDown);
    AssertionError error = new AssertionError("fatal");
    Future<String> leader = pool.submit(() -> flight.run("k", () -> {
      entered.countDown();
      await(joined);
      throw error;
    }));
    await(entered); // the leader holds the flight before the waiter arrives
    Future<String> waiter = pool.submit(() -> flight.run("k", () -> "never runs"));
    assertThatThrownBy(() -> waiter.get(10, TimeUnit.SECONDS)).cause().isSameAs(error);
    assertThatThrownBy(() -> leader.get(10, TimeUnit.SECONDS)).cause().isSameAs(error);
  }

  @Test
  void different_keys_fly_in_parallel() throws Exception {
    SingleFlight<String, String> flight = new SingleFlight<>();
    CountDownLatch bothInside = new CountDownLatch(2);
    List<Future<String>> results = new ArrayList<>();
    for (String key : List.of("a", "b")) {
      results.add(pool.submit(() -> flight.run(key, () -> {
        bothInside.countDown();
        await(bothInside);
        return key;
      })));
    }
    assertThat(results.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("a");
    assertThat(results.get(1).get(10, TimeUnit.SECONDS)).isEqualTo("b");
  }

  @Test
  void a_waiter_that_is_interrupted_gives_up_with_upstream_unavailable_and_keeps_its_flag() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SingleFlight<String, String> flight = new SingleFlight<>();
    Future<String> leader = pool.submit(() -> flight.run("k", () -> {
      entered.countDown();
      await(release);
      return "v";
    }));
    await(entered);
    AtomicInteger interruptedFlag = new AtomicInteger();
    Thread waiter = new Thread(() -> {
      Thread.currentThread().interrupt();
      try {
        flight.run("k", () -> "never");
      } catch (UpstreamUnavailable expected) {
        interruptedFlag.set(Thread.currentThread().isInterrupted() ? 1 : 2);
      }
    });
    waiter.start();
    waiter.join(10_000);
    release.countDown();
    assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo("v");
    assertThat(interruptedFlag).hasValue(1);
  }

  private <T> List<Future<T>> submitAll(java.util.concurrent.Callable<T> task) {
    List<Future<T>> results = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      results.add(pool.submit(task));
    }
    return results;
  }
  @Test
  void a_waiter_with_a_bound_gives_up_when_it_passes() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SingleFlight<String, String> flight = new SingleFlight<>();
    Future<String> leader = pool.submit(() -> flight.run("k", () -> {
      entered.countDown();
      await(release);
      return "v";
    }));
    await(entered);
    assertThatThrownBy(() -> flight.run("k", () -> "never", Duration.ofMillis(50)))
        .isInstanceOf(UpstreamUnavailable.class).hasMessageContaining("50 ms");
    release.countDown();
    assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo("v");
  }

  @Test
  void a_started_flight_runs_on_the_executor_and_callers_join_it() throws Exception {
    CountDownLatch joined = new CountDownLatch(1);
    SingleFlight<String, String> flight = new SingleFlight<>(joined::countDown);
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<String> started = flight.start("k", () -> {
      runs.incrementAndGet();
      await(joined);
      return "background";
    }, pool);
    assertThat(started).isNotNull();
    assertThat(flight.inFlight("k")).isTrue();
    assertThat(flight.start("k", () -> "second", pool)).as("no second flight while one is under way").isNull();
    assertThat(flight.run("k", () -> "never runs")).isEqualTo("background");
    assertThat(started.get(10, TimeUnit.SECONDS)).isEqualTo("background");
    assertThat(runs).hasValue(1);
    assertThat(flight.inFlight("k")).isFalse();
  }

  @Test
  void a_started_flight_that_fails_completes_its_future_and_is_not_remembered() throws Exception {
    SingleFlight<String, String> flight = new SingleFlight<>();
    QrCodeException boom = new QrCodeException("boom");
    CompletableFuture<String> started = flight.start("k", () -> {
      throw boom;
    }, Runnable::run);
    assertThatThrownBy(() -> started.get(10, TimeUnit.SECONDS)).cause().isSameAs(boom);
    assertThat(flight.run("k", () -> "again")).isEqualTo("again");
  }

  @Test
  void a_refused_start_leaves_no_flight_behind() {
    SingleFlight<String, String> flight = new SingleFlight<>();
    assertThat(flight.start("k", () -> "never", task -> {
      throw new java.util.concurrent.RejectedExecutionException("full");
    })).isNull();
    assertThat(flight.inFlight("k")).isFalse();
    assertThat(flight.run("k", () -> "now")).isEqualTo("now");
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("timed out waiting for " + latch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
