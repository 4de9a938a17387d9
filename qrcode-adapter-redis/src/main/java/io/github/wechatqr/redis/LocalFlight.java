package io.github.wechatqr.redis;

import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.UpstreamUnavailable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * At most one piece of work at a time within this process; callers that arrive meanwhile wait for it and
 * receive its value or the very same exception. Keeps the threads of one instance off Redis while one of
 * them deals with the cluster.
 */
final class LocalFlight<V> {
  private final Runnable onJoin;
  private CompletableFuture<V> current;

  LocalFlight() {
    this(() -> { });
  }

  /** @param onJoin told each time a caller joins a flight already under way (tests gate on it) */
  LocalFlight(Runnable onJoin) {
    this.onJoin = onJoin;
  }

  /** Runs {@code work} here, or waits up to the deadline for the flight already under way. */
  V joinOrRun(Supplier<V> work, Deadline deadline) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> running = claim(mine);
    if (running == null) {
      return run(mine, work);
    }
    onJoin.run();
    return await(running, deadline);
  }

  private synchronized CompletableFuture<V> claim(CompletableFuture<V> mine) {
    if (current != null) {
      return current;
    }
    current = mine;
    return null;
  }

  private synchronized void leave() {
    current = null;
  }

  private V run(CompletableFuture<V> mine, Supplier<V> work) {
    try {
      V value = work.get();
      leave(); // before completing, so a later caller starts afresh instead of joining a finished flight
      mine.complete(value);
      return value;
    } catch (RuntimeException | Error failure) {
      leave();
      mine.completeExceptionally(failure);
      throw failure;
    }
  }

  private static <V> V await(CompletableFuture<V> flight, Deadline deadline) {
    try {
      return flight.get(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new UpstreamUnavailable("Gave up waiting for this instance's own access token fetch");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QrCodeException("interrupted while waiting for the access token");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw (Error) e.getCause();
    }
  }
}
