package io.github.wechatqr.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.QuotaExceeded;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.WeChatApiException;
import io.github.wechatqr.testkit.Await;
import io.github.wechatqr.testkit.MutableClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final TestGateways.RecordingSleeper sleeper = new TestGateways.RecordingSleeper(clock);
  private final AtomicInteger attempts = new AtomicInteger();

  private RetryPolicy policy(RetryLimits limits, double jitter) {
    return new RetryPolicy(limits, clock, sleeper, () -> jitter, GatewayMetrics.NONE);
  }

  private String busy() {
    attempts.incrementAndGet();
    throw WeChatApiException.of(-1, "system error");
  }

  @Test
  void the_wait_doubles_per_attempt_up_to_the_cap_and_is_jittered_between_half_and_all_of_it() {
    RetryLimits limits = new RetryLimits(10, Duration.ofMillis(100), Duration.ofMillis(700), Duration.ofHours(1));
    RetryPolicy low = policy(limits, 0.0);
    RetryPolicy high = policy(limits, 0.999_999);
    assertThat(low.backoff(1)).isEqualTo(Duration.ofMillis(50));
    assertThat(high.backoff(1)).isEqualTo(Duration.ofMillis(99));
    assertThat(low.backoff(2)).isEqualTo(Duration.ofMillis(100));
    assertThat(high.backoff(3)).isEqualTo(Duration.ofMillis(399));
    assertThat(low.backoff(4)).isEqualTo(Duration.ofMillis(350));
    assertThat(high.backoff(9)).isEqualTo(Duration.ofMillis(699));
    assertThat(high.backoff(60)).isEqualTo(Duration.ofMillis(699));
  }

  @Test
  void system_busy_is_attempted_max_attempts_times_with_a_wait_between_each_then_upstream_unavailable() {
    RetryPolicy policy = policy(new RetryLimits(4, Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofHours(1)), 0.5);
    assertThatThrownBy(() -> policy.call(Api.CREATE, this::busy))
        .isExactlyInstanceOf(UpstreamUnavailable.class)
        .hasMessage("POST /cgi-bin/qrcode/create: WeChat is busy, errcode -1 (system error) (attempt 4 of 4)")
        .hasNoCause()
        .satisfies(e -> assertThat(((UpstreamUnavailable) e).errcode()).hasValue(-1));
    assertThat(attempts).hasValue(4);
    assertThat(sleeper.waits).containsExactly(Duration.ofMillis(7), Duration.ofMillis(15), Duration.ofMillis(30));
  }

  @Test
  void a_failure_that_waiting_cannot_cure_is_attempted_once() {
    RetryPolicy policy = policy(RetryLimits.DEFAULT, 0.5);
    assertThatThrownBy(() -> policy.call(Api.CREATE, () -> {
      attempts.incrementAndGet();
      throw WeChatApiException.of(45011, "api minute-quota reach limit");
    })).isInstanceOf(QuotaExceeded.class);
    assertThat(attempts).hasValue(1);
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void no_wait_starts_that_would_end_past_the_budget() {
    RetryPolicy policy = policy(new RetryLimits(5, Duration.ofMillis(80), Duration.ofSeconds(1), Duration.ofMillis(100)), 0.999);
    assertThatThrownBy(() -> policy.call(Api.CREATE, this::busy))
        .isInstanceOfSatisfying(UpstreamUnavailable.class, e -> assertThat(e.errcode()).hasValue(-1));
    // waits ~80 ms (fits in 100), then ~160 ms would end at ~240 ms: no third attempt
    assertThat(attempts).hasValue(2);
    assertThat(sleeper.waits).hasSize(1);
  }

  @Test
  void a_transient_failure_below_the_protocol_surfaces_as_upstream_unavailable_naming_call_and_attempts() {
    RetryPolicy policy = policy(new RetryLimits(2, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofHours(1)), 0);
    assertThatThrownBy(() -> policy.call(Api.SHOW_QRCODE, () -> {
      throw new UpstreamFailure(FailureKind.HTTP_5XX, "HTTP 503");
    })).isInstanceOf(UpstreamUnavailable.class)
        .hasMessage("GET /cgi-bin/showqrcode: HTTP 503 (attempt 2 of 2)")
        .hasNoCause();
  }

  @Test
  void the_result_of_the_first_successful_attempt_is_returned() {
    RetryPolicy policy = policy(RetryLimits.DEFAULT, 0.5);
    String result = policy.call(Api.TOKEN, () -> attempts.incrementAndGet() < 3 ? busy() : "granted");
    assertThat(result).isEqualTo("granted");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void the_default_sleeper_gives_up_at_once_when_the_thread_is_interrupted() throws Exception {
    RetryPolicy policy = new RetryPolicy(
        new RetryLimits(3, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofHours(1)),
        clock, Sleeper.THREAD, () -> 0.5, GatewayMetrics.NONE);
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    Thread caller = new Thread(() -> {
      try {
        policy.call(Api.CREATE, this::busy);
      } catch (RuntimeException e) {
        stillInterrupted.set(Thread.currentThread().isInterrupted());
        failure.complete(e);
      }
    });
    caller.start();
    Await.until("the caller to sleep before its retry", caller::getState,
        state -> state == Thread.State.TIMED_WAITING, Duration.ofSeconds(10));
    caller.interrupt();
    assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(UpstreamUnavailable.class)
        .hasMessageContaining("interrupted");
    assertThat(stillInterrupted).isTrue();
    assertThat(attempts).hasValue(1);
  }

  @Test
  void an_interrupted_caller_is_not_retried() {
    RetryPolicy policy = policy(RetryLimits.DEFAULT, 0.5);
    try {
      assertThatThrownBy(() -> policy.call(Api.CREATE, () -> {
        attempts.incrementAndGet();
        Thread.currentThread().interrupt();
        throw new UpstreamFailure(FailureKind.CONNECTION, "connection failed or dropped");
      })).isInstanceOf(UpstreamUnavailable.class).hasMessageContaining("interrupted");
      assertThat(attempts).hasValue(1);
    } finally {
      Thread.interrupted();
    }
  }
}
