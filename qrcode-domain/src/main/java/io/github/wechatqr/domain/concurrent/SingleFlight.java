package io.github.wechatqr.domain.concurrent;

import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.UpstreamUnavailable;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs at most one piece of work per key at a time; callers that arrive meanwhile wait for that work and
 * receive its value or the very same exception. Nothing is remembered afterwards: the next caller after a
 * flight has ended starts a new one.
 *
 * <p>The one single-flight of the library: {@code QrCodeService} (one create per request) and every
 * access-token store (one fetch per process) use it, so waiting, interrupts and failures behave alike
 * everywhere:
 * <ul>
 *   <li>a waiter interrupted while waiting gets {@link UpstreamUnavailable} with its interrupt flag set
 *       again; the flight goes on for the others;</li>
 *   <li>a waiter that gives up after {@code maxWait} gets {@link UpstreamUnavailable};</li>
 *   <li>the work's {@link RuntimeException} or {@link Error} reaches every caller as the same instance.</li>
 * </ul>
 *
 * <pre>{@code
 * SingleFlight<String, AccessToken> fetches = new SingleFlight<>();
 * AccessToken token = fetches.run("token", () -> fetchFromWeChat());
 * }</pre>
 *
 * @param <K> what identifies one piece of work
 * @param <V> its result
 */
public final class SingleFlight<K, V> {
  private final ConcurrentHashMap<K, CompletableFuture<V>> flights = new ConcurrentHashMap<>();
  private final Runnable onJoin;

  /** A single flight that tells nobody about joins. */
  public SingleFlight() {
    this(() -> { });
  }

  /**
   * Creates a single-flight group that tells {@code onJoin} whenever a caller joins a flight under way.
   *
   * @param onJoin told each time a caller joins a flight already under way, on that caller's thread
   *     (tests gate on it to know everyone queued up)
   */
  public SingleFlight(Runnable onJoin) {
    this.onJoin = Objects.requireNonNull(onJoin, "onJoin");
  }

  /**
   * Runs {@code work} on this thread, or waits for the flight of {@code key} already under way.
   *
   * @param key what the work is about
   * @param work the work; called at most once per flight
   * @return the flight's value
   * @throws UpstreamUnavailable if interrupted while waiting for another caller's flight
   */
  public V run(K key, Supplier<? extends V> work) {
    return run(key, work, null);
  }

  /**
   * Like {@link #run(Object, Supplier)}, waiting at most {@code maxWait} for a flight under way.
   *
   * @param key what the work is about
   * @param work the work; called at most once per flight
   * @param maxWait how long to wait for another caller's flight; {@code null} waits as long as it takes
   * @return the flight's value
   * @throws UpstreamUnavailable if the wait timed out or was interrupted
   */
  public V run(K key, Supplier<? extends V> work, Duration maxWait) {
    Objects.requireNonNull(work, "work");
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> current = flights.putIfAbsent(key, mine);
    if (current != null) {
      onJoin.run();
      return await(current, maxWait);
    }
    return fly(key, mine, work);
  }

  /**
   * Starts a flight of {@code key} on {@code executor} unless one is under way; never blocks.
   *
   * @param key what the work is about
   * @param work the work
   * @param executor where the work runs
   * @return the new flight, or {@code null} if one was under way or the executor refused the work
   */
  public CompletableFuture<V> start(K key, Supplier<? extends V> work, Executor executor) {
    Objects.requireNonNull(work, "work");
    CompletableFuture<V> mine = new CompletableFuture<>();
    if (flights.putIfAbsent(key, mine) != null) {
      return null;
    }
    try {
      executor.execute(() -> {
        try {
          fly(key, mine, work);
        } catch (RuntimeException | Error reported) {
          // reported through the future
        }
      });
      return mine;
    } catch (RejectedExecutionException refused) {
      flights.remove(key, mine);
      mine.completeExceptionally(refused);
      return null;
    }
  }

  /**
   * Tells whether a flight of {@code key} is under way.
   *
   * @param key what the work is about
   * @return whether a flight of {@code key} is under way
   */
  public boolean inFlight(K key) {
    return flights.containsKey(key);
  }

  private V fly(K key, CompletableFuture<V> mine, Supplier<? extends V> work) {
    try {
      V value = work.get();
      // Leave the map before completing, so a later caller starts afresh instead of joining a done flight.
      flights.remove(key, mine);
      mine.complete(value);
      return value;
    } catch (RuntimeException | Error failure) {
      flights.remove(key, mine);
      mine.completeExceptionally(failure);
      throw failure;
    }
  }

  private static <V> V await(CompletableFuture<V> flight, Duration maxWait) {
    try {
      return maxWait == null ? flight.get() : flight.get(maxWait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new UpstreamUnavailable("gave up after " + maxWait.toMillis() + " ms waiting for a concurrent identical call");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpstreamUnavailable("interrupted while waiting for a concurrent identical call");
    } catch (ExecutionException e) {
      throw unwrapped(e.getCause());
    }
  }

  /**
   * @param failure what a flight failed with
   * @return it as an unchecked exception, to rethrow as it is
   */
  private static RuntimeException unwrapped(Throwable failure) {
    if (failure instanceof RuntimeException runtime) {
      return runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    return new QrCodeException("a concurrent identical call failed: " + failure.getClass().getName());
  }
}
