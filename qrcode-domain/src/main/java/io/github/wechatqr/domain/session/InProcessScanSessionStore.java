package io.github.wechatqr.domain.session;

import io.github.wechatqr.domain.session.ScanSession.State;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * {@link ScanSessionStore#inProcess}: a map changed by {@code compute}, so each change is atomic, and
 * listeners told on the changing thread after the change.
 */
final class InProcessScanSessionStore implements ScanSessionStore {
  /** Expired sessions are swept once every this many creations: cheap, and memory stays bounded. */
  private static final int SWEEP_EVERY = 256;

  private final Clock clock;
  private final Map<String, ScanSession> sessions = new ConcurrentHashMap<>();
  private final SessionListeners listeners = new SessionListeners();
  private final AtomicInteger creations = new AtomicInteger();

  InProcessScanSessionStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void create(ScanSession session) {
    Instant now = clock.instant();
    if (session.state() != State.WAITING || !session.code().isValidAt(now)) {
      throw new IllegalArgumentException("a new session is WAITING and unexpired, was " + session.at(now).state());
    }
    if (creations.incrementAndGet() % SWEEP_EVERY == 0) {
      sessions.values().removeIf(kept -> !kept.code().isValidAt(now));
    }
    if (sessions.putIfAbsent(session.id(), session) != null) {
      throw new IllegalStateException("a session with the id " + session.shortId() + " exists already");
    }
  }

  @Override
  public Optional<ScanSession> find(String id) {
    Objects.requireNonNull(id, "id");
    return Optional.ofNullable(sessions.get(id)).map(session -> session.at(clock.instant()));
  }

  @Override
  public Transition scan(String id, ScanSession.Scan scan) {
    Objects.requireNonNull(scan, "scan");
    return change(id, State.WAITING, session -> session.scanned(scan));
  }

  @Override
  public Transition consume(String id) {
    return change(id, State.SCANNED, ScanSession::consumed);
  }

  private Transition change(String id, State from, UnaryOperator<ScanSession> step) {
    Objects.requireNonNull(id, "id");
    Instant now = clock.instant();
    Transition[] result = {Transition.unknown()};
    sessions.computeIfPresent(id, (key, kept) -> {
      ScanSession current = kept.at(now);
      if (current.state() != from) {
        result[0] = Transition.refused(current);
        return kept;
      }
      ScanSession after = step.apply(current);
      result[0] = Transition.applied(after);
      return after;
    });
    if (result[0].applied()) {
      tell(result[0].session());
    }
    return result[0];
  }

  private void tell(ScanSession changed) {
    listeners.of(changed.id()).forEach(listener -> listener.accept(changed));
  }

  @Override
  public Subscription subscribe(String id, Consumer<ScanSession> listener) {
    return listeners.add(id, listener);
  }


  @Override
  public String toString() {
    return "ScanSessionStore.inProcess(" + sessions.size() + " sessions)";
  }
}
