package io.github.wechatqr.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadCensusTest {
  private static Thread waitingFor(CountDownLatch release, String name) {
    return new Thread(() -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, name);
  }

  @Test
  void a_thread_started_after_the_census_and_still_running_is_named_and_one_that_ended_is_not() throws Exception {
    ThreadCensus census = ThreadCensus.take();
    CountDownLatch release = new CountDownLatch(1);
    Thread lingering = waitingFor(release, "census-lingering");
    Thread finished = new Thread(() -> { }, "census-finished");
    lingering.start();
    finished.start();
    finished.join();

    assertThat(census.leftAfter(Duration.ofMillis(300))).containsExactly("census-lingering");

    release.countDown();
    lingering.join();
    assertThat(census.leftAfter(Duration.ofSeconds(5))).isEmpty();
  }

  @Test
  void jdk_wide_threads_the_fake_starts_are_not_counted() throws Exception {
    ThreadCensus census = ThreadCensus.take();
    CountDownLatch release = new CountDownLatch(1);
    Thread shared = waitingFor(release, "Keep-Alive-Timer");
    shared.start();
    try {
      assertThat(census.newThreads()).doesNotContain(shared);
    } finally {
      release.countDown();
      shared.join();
    }
  }
}
