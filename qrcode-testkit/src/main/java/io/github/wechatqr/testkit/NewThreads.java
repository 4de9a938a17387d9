package io.github.wechatqr.testkit;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link Executor} that runs every task on a new daemon thread of its own, for tests whose concurrent
 * callers block: {@code CompletableFuture.supplyAsync(call, NewThreads.named("holder"))}.
 *
 * <p>Never leave such a task to {@code supplyAsync}'s default pool. On a 2-core machine the common pool has a
 * parallelism of 1; Java 17 then starts a thread per task, but Java 25 runs the tasks on that one worker, so a
 * task that blocks (a caller inside a listener, a holder of a lock) keeps the others from ever starting and the
 * test waits for something that cannot happen.
 */
public final class NewThreads implements Executor {
  private final String name;
  private final AtomicInteger started = new AtomicInteger();

  private NewThreads(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  /**
   * Makes an executor whose threads are named {@code name-1}, {@code name-2} and so on.
   *
   * @param name the prefix of the threads' names, for thread dumps
   * @return a new executor
   */
  public static NewThreads named(String name) {
    return new NewThreads(name);
  }

  /**
   * Starts {@code task} on a new daemon thread.
   *
   * @param task the task
   */
  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    Thread thread = new Thread(task, name + "-" + started.incrementAndGet());
    thread.setDaemon(true);
    thread.start();
  }
}
