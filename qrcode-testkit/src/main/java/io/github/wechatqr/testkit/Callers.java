package io.github.wechatqr.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Starts concurrent callers on threads of their own, for the contract kits. */
final class Callers<T> {
  private final List<Thread> threads = new ArrayList<>();
  private final List<CompletableFuture<T>> results = new ArrayList<>();

  /** Starts {@code count} callers; {@code task} gets the caller's index. */
  Callers<T> start(int count, IntFunction<Callable<T>> task) {
    Callers<T> callers = this;
    for (int i = 0; i < count; i++) {
      Callable<T> call = task.apply(i);
      CompletableFuture<T> result = new CompletableFuture<>();
      Thread thread = new Thread(() -> {
        try {
          result.complete(call.call());
        } catch (Throwable failure) {
          result.completeExceptionally(failure);
        }
      }, "contract-caller-" + i);
      callers.threads.add(thread);
      callers.results.add(result);
    }
    callers.threads.forEach(Thread::start);
    return callers;
  }

  /** Each caller's value; rethrows the first failure. */
  List<T> results() throws Exception {
    List<T> values = new ArrayList<>();
    for (CompletableFuture<T> result : results) {
      values.add(result.get(30, TimeUnit.SECONDS));
    }
    return values;
  }

  /**
   * Waits until every caller other than the current thread is parked (waiting on a lock, a latch or a
   * future) or done, up to {@code max}; fails there, naming each caller's state, if they do not.
   */
  void awaitOthersParked(Duration max) {
    Await.until("every other caller parked or done", this::othersStates,
        states -> states.values().stream().noneMatch(state -> state == Thread.State.RUNNABLE
            || state == Thread.State.NEW), max);
  }

  private Map<String, Thread.State> othersStates() {
    Map<String, Thread.State> states = new TreeMap<>();
    threads.stream().filter(thread -> thread != Thread.currentThread())
        .forEach(thread -> states.put(thread.getName(), thread.getState()));
    return states;
  }
}
