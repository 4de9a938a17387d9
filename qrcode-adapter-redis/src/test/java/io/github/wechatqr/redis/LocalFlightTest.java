package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.UpstreamUnavailable;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class LocalFlightTest {
  private final CountDownLatch joined = new CountDownLatch(1);
  private final LocalFlight<String> flight = new LocalFlight<>(joined::countDown);
  private final CountDownLatch working = new CountDownLatch(1);
  private final CountDownLatch finish = new CountDownLatch(1);
  private final AtomicInteger runs = new AtomicInteger();

  private CompletableFuture<String> leader(RuntimeException failure) {
    return CompletableFuture.supplyAsync(() -> flight.joinOrRun(() -> {
      runs.incrementAndGet();
      working.countDown();
      Waits.await(finish);
      if (failure != null) {
        throw failure;
      }
      return "value";
    }, Deadline.in(Duration.ofSeconds(10))), runnable -> new Thread(runnable).start());
  }

  private CompletableFuture<String> joiner() {
    return CompletableFuture.supplyAsync(() -> flight.joinOrRun(() -> {
      runs.incrementAndGet();
      return "joiner ran";
    }, Deadline.in(Duration.ofSeconds(10))), runnable -> new Thread(runnable).start());
  }

  @Test
  void a_caller_that_arrives_during_the_flight_gets_its_value_without_running() throws Exception {
    CompletableFuture<String> leader = leader(null);
    Waits.await(working);
    CompletableFuture<String> joiner = joiner();
    Waits.await(joined);
    finish.countDown();

    assertThat(leader.get()).isEqualTo("value");
    assertThat(joiner.get()).isEqualTo("value");
    assertThat(runs).hasValue(1);
  }

  @Test
  void a_caller_that_arrives_during_a_failing_flight_gets_the_same_exception() {
    UpstreamUnavailable down = new UpstreamUnavailable("down");
    CompletableFuture<String> leader = leader(down);
    Waits.await(working);
    CompletableFuture<String> joiner = joiner();
    Waits.await(joined);
    finish.countDown();

    assertThatThrownBy(leader::join).hasCause(down);
    assertThatThrownBy(joiner::join).hasCause(down);
    assertThat(runs).hasValue(1);
  }

  @Test
  void nothing_is_remembered_after_a_flight() {
    assertThat(flight.joinOrRun(() -> "first", Deadline.in(Duration.ofSeconds(1)))).isEqualTo("first");
    assertThat(flight.joinOrRun(() -> "second", Deadline.in(Duration.ofSeconds(1)))).isEqualTo("second");
  }

  @Test
  void a_caller_gives_up_when_its_deadline_passes_first() throws Exception {
    CompletableFuture<String> leader = leader(null);
    Waits.await(working);

    assertThatThrownBy(() -> flight.joinOrRun(() -> "never", Deadline.in(Duration.ofMillis(50))))
        .isInstanceOf(UpstreamUnavailable.class).hasMessageContaining("Gave up");
    finish.countDown();
    assertThat(leader.get()).isEqualTo("value");
  }
}
