package io.github.wechatqr.domain.service;

import io.github.wechatqr.domain.QrCodeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Runs at most one piece of work per key at a time; callers that arrive meanwhile wait for that work and
 * receive its value or the very same exception. Nothing is remembered afterwards.
 */
final class SingleFlight<K, V> {
  private final ConcurrentHashMap<K, CompletableFuture<V>> flights = new ConcurrentHashMap<>();
  private final Runnable onJoin;

  SingleFlight() {
    this(() -> { });
  }

  /** @param onJoin told each time a caller joins a flight already under way (tests gate on it) */
  SingleFlight(Runnable onJoin) {
    this.onJoin = onJoin;
  }

  V run(K key, Supplier<V> work) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> current = flights.putIfAbsent(key, mine);
    if (current != null) {
      onJoin.run();
      return await(current);
    }
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

  private static <V> V await(CompletableFuture<V> flight) {
    try {
      return flight.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QrCodeException("interrupted while waiting for a concurrent identical request", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw (Error) cause;
    }
  }
}
