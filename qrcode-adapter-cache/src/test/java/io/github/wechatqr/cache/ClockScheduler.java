package io.github.wechatqr.cache;

import com.github.benmanes.caffeine.cache.Scheduler;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** A Caffeine scheduler on the domain clock: what is due by the clock runs when the test says so. */
final class ClockScheduler implements Scheduler {
  private record Task(Instant due, Executor executor, Runnable command, CompletableFuture<Void> future) {}

  private final Clock clock;
  private final List<Task> tasks = new ArrayList<>();

  ClockScheduler(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Future<?> schedule(Executor executor, Runnable command, long delay, TimeUnit unit) {
    Task task = new Task(clock.instant().plusNanos(unit.toNanos(delay)), executor, command,
        new CompletableFuture<>());
    tasks.add(task);
    return task.future();
  }

  /** Runs every task due by the clock; returns how many ran. */
  int runDue() {
    List<Task> due = new ArrayList<>();
    synchronized (this) {
      Instant now = clock.instant();
      tasks.removeIf(task -> !task.due().isAfter(now) && due.add(task));
    }
    due.stream().filter(task -> !task.future().isCancelled()).forEach(task -> {
      task.executor().execute(task.command());
      task.future().complete(null);
    });
    return due.size();
  }
}
