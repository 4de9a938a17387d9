package io.github.wechatqr.domain.session;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where scan sessions live and how their changes are told, for one instance of a host application or for
 * many sharing one backing (Redis): a scan handled by one instance must complete a waiter on another.
 * Every change is atomic across all instances of one backing: the first scan wins, a session is consumed
 * once. A store judges expiry by its own clock: a session not consumed by the time its code expires reads
 * {@code EXPIRED}, and takes no scan and no consumption any more; the store may forget it from then on
 * (Redis: the key's TTL), after which it reads as unknown. Thread-safe.
 */
public interface ScanSessionStore {

  /**
   * Keeps a new session until its code expires.
   *
   * @param session a {@code WAITING} session
   * @throws IllegalArgumentException if it is not waiting, or its code has expired already
   * @throws IllegalStateException if a session with its id exists already (ids are random: a bug)
   * @throws io.github.wechatqr.domain.UpstreamUnavailable if the backing could not be reached
   */
  void create(ScanSession session);

  /**
   * Reads a session as it stands now.
   *
   * @param id a session id
   * @return the session, {@code EXPIRED} once its code expired unconsumed; empty if unknown or forgotten
   * @throws io.github.wechatqr.domain.UpstreamUnavailable if the backing could not be reached
   */
  Optional<ScanSession> find(String id);

  /**
   * Records the first scan of a waiting session, atomically: of any number of scans on any instances,
   * exactly one is applied. Subscribers of the session are told.
   *
   * @param id a session id
   * @param scan the scan
   * @return whether this call recorded it, and the session as it stands
   * @throws io.github.wechatqr.domain.UpstreamUnavailable if the backing could not be reached
   */
  Transition scan(String id, ScanSession.Scan scan);

  /**
   * Consumes a scanned session, atomically: of any number of calls on any instances, exactly one is
   * applied. Subscribers of the session are told.
   *
   * @param id a session id
   * @return whether this call consumed it, and the session as it stands
   * @throws io.github.wechatqr.domain.UpstreamUnavailable if the backing could not be reached
   */
  Transition consume(String id);

  /**
   * Tells {@code listener} of each later change of the session, made through any instance of this
   * backing, with the session as it stands after it. A change made after this returned is told; to miss
   * none, subscribe first and then {@link #find} (a change in between may then be seen twice). The
   * listener runs on a thread of the store's (the changing caller's, for the in-process store) and must
   * not block.
   *
   * @param id a session id
   * @param listener told of each change
   * @return closing it ends the subscription
   * @throws io.github.wechatqr.domain.UpstreamUnavailable if the backing could not be reached
   */
  Subscription subscribe(String id, Consumer<ScanSession> listener);

  /**
   * Returns a store of one process: sessions in memory, changes told on the changing caller's thread.
   * Forgets expired sessions as new ones are created. The default of {@link ScanSessions}.
   *
   * @param clock decides when sessions expire
   * @return the in-process store
   */
  static ScanSessionStore inProcess(Clock clock) {
    return new InProcessScanSessionStore(clock);
  }

  /**
   * The result of a {@link #scan} or {@link #consume}.
   *
   * @param applied whether this call made the change
   * @param session the session after this call (when not applied, it tells why: already scanned,
   *     consumed, expired); {@code null} if the session is unknown
   */
  record Transition(boolean applied, ScanSession session) {
    /** Checks that an applied change names its session. */
    public Transition {
      if (applied && session == null) {
        throw new IllegalArgumentException("an applied change has a session");
      }
    }

    /**
     * Returns the refusal of a change to a session the store does not know.
     *
     * @return not applied, no session
     */
    public static Transition unknown() {
      return new Transition(false, null);
    }

    /**
     * Returns the change made.
     *
     * @param after the session after the change
     * @return applied
     */
    public static Transition applied(ScanSession after) {
      return new Transition(true, after);
    }

    /**
     * Returns a refused change.
     *
     * @param asItStands the session as it stands, which tells why
     * @return not applied
     */
    public static Transition refused(ScanSession asItStands) {
      return new Transition(false, asItStands);
    }

    /** Returns the session, empty if unknown. */
    public Optional<ScanSession> current() {
      return Optional.ofNullable(session);
    }
  }

  /** A subscription to one session's changes. */
  interface Subscription extends AutoCloseable {
    /** Ends the subscription; closing twice does nothing. */
    @Override
    void close();
  }
}
