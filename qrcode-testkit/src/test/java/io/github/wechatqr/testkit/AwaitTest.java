package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

  @Test
  void a_condition_that_holds_returns_at_once_with_the_value_seen() {
    long start = System.nanoTime();
    assertThat(Await.until("three", () -> 3, n -> n == 3, Duration.ofSeconds(5))).isEqualTo(3);
    Await.until("true", () -> true, Duration.ofSeconds(5));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void it_returns_as_soon_as_another_thread_makes_the_condition_hold() throws Exception {
    AtomicInteger count = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    Thread counter = new Thread(() -> {
      started.countDown();
      for (int i = 0; i < 5; i++) {
        count.incrementAndGet();
      }
    });
    counter.start();
    started.await();
    assertThat(Await.until("five counts", count::get, n -> n == 5, Duration.ofSeconds(10))).isEqualTo(5);
    counter.join();
  }

  @Test
  void a_timeout_fails_there_naming_what_was_awaited_and_what_was_seen_last() {
    assertThatThrownBy(() -> Await.until("two creates in the journal", () -> 1L, n -> n == 2, Duration.ofMillis(30)))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("timed out after ")
        .hasMessageContaining("awaiting two creates in the journal; last seen (look ")
        .hasMessageEndingWith("): 1");
    assertThatThrownBy(() -> Await.until("the gate to open", () -> false, Duration.ofMillis(10)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("awaiting the gate to open").hasMessageEndingWith("false");
  }

  @Test
  void the_wait_lasts_at_least_the_timeout() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> Await.until("never", () -> false, Duration.ofMillis(50)))
        .isInstanceOf(AssertionError.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
  }

  @Test
  void a_condition_that_throws_ends_the_wait_with_its_exception() {
    assertThatThrownBy(() -> Await.until("a broken probe", () -> {
      throw new IllegalStateException("probe failed");
    }, Duration.ofSeconds(5))).isInstanceOf(IllegalStateException.class).hasMessage("probe failed");
  }

  @Test
  void an_interrupted_wait_fails_and_keeps_the_interrupt() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> Await.until("a release", () -> false, Duration.ofSeconds(30)))
          .isInstanceOf(AssertionError.class).hasMessageStartingWith("interrupted while awaiting a release");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
