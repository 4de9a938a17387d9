package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Where the token stores of a test run their background refreshes: daemon threads, and a count of the tasks
 * still running so a test can wait for them. Registered as an extension, it stops its threads after each
 * test.
 */
final class BackgroundRefreshes implements Executor, AfterEachCallback {
  private static final Duration LONGEST = Duration.ofSeconds(10);
  private final Phaser running = new Phaser(1);
  private final ExecutorService pool = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "test-refresh");
    thread.setDaemon(true);
    return thread;
  });

  @Override
  public void execute(Runnable task) {
    running.register();
    try {
      pool.execute(() -> {
        try {
          task.run();
        } finally {
          running.arriveAndDeregister();
        }
      });
    } catch (RuntimeException refused) {
      running.arriveAndDeregister();
      throw refused;
    }
  }

  /** Waits until every refresh started so far has ended; fails the test if one runs longer than 10 s. */
  void awaitIdle() {
    int phase = running.arrive();
    try {
      running.awaitAdvanceInterruptibly(phase, LONGEST.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      fail("a background refresh was still running after " + LONGEST);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    pool.shutdownNow();
  }
}
