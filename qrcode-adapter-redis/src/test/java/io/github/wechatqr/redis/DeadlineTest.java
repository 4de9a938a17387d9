package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.QrCodeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DeadlineTest {

  @Test
  void a_spent_budget_does_not_pause() {
    Deadline spent = Deadline.in(Duration.ZERO);
    assertThat(spent.remainingNanos()).isZero();
    assertThat(spent.pause()).isFalse();
  }

  @Test
  void pauses_continue_until_the_budget_is_spent_and_then_stop() {
    Deadline deadline = Deadline.in(Duration.ofMillis(50));
    int pauses = 0;
    while (deadline.pause()) {
      pauses++;
    }
    assertThat(pauses).isPositive();
    assertThat(deadline.remainingNanos()).isZero();
  }

  @Test
  void an_interrupted_wait_ends_with_a_domain_exception_and_keeps_the_interrupt() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> Deadline.in(Duration.ofSeconds(5)).pause()).isInstanceOf(QrCodeException.class)
          .hasMessageContaining("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
