package io.github.wechatqr.domain.session;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The listeners of each scan session, for a {@link ScanSessionStore} to keep its subscriptions in: the one
 * registry both the in-process and the Redis store use. Thread-safe.
 */
public final class SessionListeners {
  private final Map<String, List<Consumer<ScanSession>>> byId = new ConcurrentHashMap<>();

  /** Creates an empty registry. */
  public SessionListeners() {}

  /**
   * Adds a listener of one session.
   *
   * @param id the session's id
   * @param listener told of the session's changes
   * @return the subscription, whose {@code close()} removes the listener again
   */
  public ScanSessionStore.Subscription add(String id, Consumer<ScanSession> listener) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(listener, "listener");
    // Added inside compute: an unsubscription emptying the list at the same moment cannot orphan it.
    byId.compute(id, (key, list) -> {
      List<Consumer<ScanSession>> kept = list == null ? new CopyOnWriteArrayList<>() : list;
      kept.add(listener);
      return kept;
    });
    return () -> byId.computeIfPresent(id, (key, list) -> {
      list.remove(listener);
      return list.isEmpty() ? null : list;
    });
  }

  /**
   * Tells whether a session has listeners.
   *
   * @param id the session's id
   * @return whether anyone listens to it now
   */
  public boolean has(String id) {
    return byId.containsKey(id);
  }

  /**
   * Returns the listeners of a session.
   *
   * @param id the session's id
   * @return its listeners now, empty if none
   */
  public List<Consumer<ScanSession>> of(String id) {
    return byId.getOrDefault(id, List.of());
  }
}
