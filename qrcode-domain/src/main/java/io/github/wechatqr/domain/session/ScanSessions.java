package io.github.wechatqr.domain.session;

import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.domain.session.ScanSession.State;
import io.github.wechatqr.domain.session.ScanSessionRefused.Reason;
import io.github.wechatqr.domain.session.ScanSessionStore.Subscription;
import io.github.wechatqr.domain.session.ScanSessionStore.Transition;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scan to log in, or to bind an account: {@link #open} makes a session with a temporary code of its own,
 * a scan of that code is recognised when its push arrives ({@link #accept}, wired into the callback
 * handler), the waiting party learns who scanned ({@link #await}, {@link #awaitAsync}) and takes the scan
 * exactly once ({@link #consume}). With a shared {@link ScanSessionStore} (Redis), the push may arrive on
 * any instance and the waiter sit on any other. Thread-safe.
 *
 * <pre>{@code
 * ScanSessions sessions = new ScanSessions(qrcodes, ScanSessionStore.inProcess(clock), clock);
 * ScanSession login = sessions.open(Duration.ofMinutes(5));     // show login.code() to the browser
 * ScanSession scanned = sessions.await(login.id(), Duration.ofSeconds(30));
 * if (scanned.state() == ScanSession.State.SCANNED) {
 *   ScanSession.Scan who = sessions.consume(login.id()).scan(); // once; a second use throws
 *   logIn(who.openId());
 * }
 * }</pre>
 */
public final class ScanSessions {
  /** How often a waiter looks at the clock for its session's expiry, at most; the clock may be moved by hand. */
  private static final Duration RECHECK = Duration.ofSeconds(1);

  private final QrCodeService qrcodes;
  private final ScanSessionStore store;
  private final Clock clock;
  private final SecureRandom random;
  private final ScheduledExecutorService timer;

  /**
   * Makes the use case.
   *
   * @param qrcodes issues each session's temporary code
   * @param store keeps the sessions: {@link ScanSessionStore#inProcess} for one instance, a shared one
   *     (Redis) for many
   * @param clock the clock of {@code qrcodes} and {@code store}
   */
  public ScanSessions(QrCodeService qrcodes, ScanSessionStore store, Clock clock) {
    this(qrcodes, store, clock, new SecureRandom(), ExpiryTimer.SHARED);
  }

  ScanSessions(QrCodeService qrcodes, ScanSessionStore store, Clock clock, SecureRandom random,
      ScheduledExecutorService timer) {
    this.qrcodes = Objects.requireNonNull(qrcodes, "qrcodes");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = random;
    this.timer = timer;
  }

  /**
   * Opens a session: a fresh unguessable id and a temporary code whose scene it is.
   *
   * @param lifetime the code's lifetime, whole seconds, 1 s .. 30 days; the session expires with it
   * @return the session, {@code WAITING}; show its {@link ScanSession#code()}, hand its id to the waiting party
   * @throws io.github.wechatqr.domain.InvalidQrCodeRequest before any network call, if the lifetime breaks a rule
   * @throws io.github.wechatqr.domain.QrCodeException as {@link QrCodeService#temporary} does, or if the
   *     store could not be reached
   */
  public ScanSession open(Duration lifetime) {
    String id = ScanSession.newId(random);
    ScanSession session = ScanSession.waiting(qrcodes.temporary(SceneValue.of(id), lifetime));
    store.create(session);
    return session;
  }

  /**
   * Reads a session as it stands.
   *
   * @param id a session id, as the waiting party sent it back
   * @return the session; empty if unknown (an id of another shape is unknown, without a store call)
   */
  public Optional<ScanSession> find(String id) {
    return ScanSession.isSessionId(Objects.requireNonNull(id, "id")) ? store.find(id) : Optional.empty();
  }

  /**
   * Waits for a session to leave {@code WAITING}, without a thread of its own: the future completes when
   * the store tells of the scan (on the store's thread: use the {@code ...Async} stages for anything that
   * blocks), or when the code expires by the clock. A session scanned before the call completes it at once.
   * Cancelling the future ends the wait.
   *
   * @param id a session id
   * @return completes with the session {@code SCANNED}, {@code CONSUMED} or {@code EXPIRED}; fails with
   *     {@link ScanSessionRefused} ({@code UNKNOWN}) for an unknown session, or with the store's
   *     {@link UpstreamUnavailable}
   */
  public CompletableFuture<ScanSession> awaitAsync(String id) {
    Objects.requireNonNull(id, "id");
    CompletableFuture<ScanSession> done = new CompletableFuture<>();
    if (!ScanSession.isSessionId(id)) {
      done.completeExceptionally(new ScanSessionRefused(Reason.UNKNOWN, ScanSession.shortId(id)));
      return done;
    }
    try {
      // Subscribe first, then read: a scan between the two is seen by one or the other, never lost.
      Subscription subscription = store.subscribe(id, changed -> {
        if (changed.state() != State.WAITING) {
          done.complete(changed);
        }
      });
      done.whenComplete((session, failure) -> subscription.close());
      Optional<ScanSession> now = store.find(id);
      if (now.isEmpty()) {
        done.completeExceptionally(new ScanSessionRefused(Reason.UNKNOWN, ScanSession.shortId(id)));
      } else if (now.get().state() != State.WAITING) {
        done.complete(now.get());
      } else {
        expireWhenDue(done, now.get());
      }
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
    return done;
  }

  /** Completes {@code done} with the session expired once the clock passes its code's expiry. */
  private void expireWhenDue(CompletableFuture<ScanSession> done, ScanSession waiting) {
    AtomicReference<ScheduledFuture<?>> check = new AtomicReference<>();
    Runnable[] look = new Runnable[1];
    look[0] = () -> {
      if (done.isDone()) {
        return;
      }
      ScanSession later = waiting.at(clock.instant());
      if (later.state() == State.EXPIRED) {
        done.complete(later);
      } else {
        check.set(timer.schedule(look[0], delayUntilDue(waiting), TimeUnit.MILLISECONDS));
      }
    };
    check.set(timer.schedule(look[0], delayUntilDue(waiting), TimeUnit.MILLISECONDS));
    done.whenComplete((session, failure) -> check.get().cancel(false));
  }

  private long delayUntilDue(ScanSession waiting) {
    Instant now = clock.instant();
    Duration left = waiting.code().remainingAt(now);
    return Math.max(1, Math.min(left.toMillis() + 1, RECHECK.toMillis()));
  }

  /**
   * Waits, blocking, for a session to leave {@code WAITING}, at most {@code timeout}.
   *
   * @param id a session id
   * @param timeout the longest wait
   * @return the session {@code SCANNED}, {@code CONSUMED} or {@code EXPIRED}; still {@code WAITING} if the
   *     timeout passed first
   * @throws ScanSessionRefused ({@code UNKNOWN}) for an unknown session
   * @throws UpstreamUnavailable if the store could not be reached, or the wait was interrupted
   */
  public ScanSession await(String id, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    CompletableFuture<ScanSession> done = awaitAsync(id);
    try {
      return done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      done.cancel(false);
      return store.find(id).orElseThrow(() -> new ScanSessionRefused(Reason.UNKNOWN, ScanSession.shortId(id)));
    } catch (InterruptedException e) {
      done.cancel(false);
      Thread.currentThread().interrupt();
      throw new UpstreamUnavailable("interrupted while awaiting scan session " + ScanSession.shortId(id));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException("awaiting a scan session failed", e.getCause());
    }
  }

  /**
   * Takes the scan of a session, once: the one call, on any instance, that finds it {@code SCANNED}
   * gets it; every other is refused.
   *
   * @param id a session id
   * @return the session {@code CONSUMED}, with who scanned it
   * @throws ScanSessionRefused {@code ALREADY_CONSUMED} for a second use, {@code NOT_SCANNED},
   *     {@code EXPIRED} or {@code UNKNOWN}
   * @throws UpstreamUnavailable if the store could not be reached
   */
  public ScanSession consume(String id) {
    Objects.requireNonNull(id, "id");
    if (!ScanSession.isSessionId(id)) {
      throw new ScanSessionRefused(Reason.UNKNOWN, ScanSession.shortId(id));
    }
    Transition change = store.consume(id);
    if (change.applied()) {
      return change.session();
    }
    Reason reason = change.current().map(session -> switch (session.state()) {
      case WAITING -> Reason.NOT_SCANNED;
      case CONSUMED -> Reason.ALREADY_CONSUMED;
      case EXPIRED, SCANNED -> Reason.EXPIRED; // SCANNED but refused: it expired as this call ran
    }).orElse(Reason.UNKNOWN);
    throw new ScanSessionRefused(reason, ScanSession.shortId(id));
  }

  /**
   * Takes a scan as its push arrives: a scan of a session's code is recorded (the first one) and its
   * waiters told; any other scan is left to the host.
   *
   * @param event a scan, authenticated by the callback handler
   * @return {@link ScanOutcome#NOT_A_SESSION} for a scan that is the host's; otherwise what became of it,
   *     and never a second login: a scan after consumption is {@link ScanOutcome#AFTER_CONSUMPTION}
   * @throws UpstreamUnavailable if the store could not be reached (answer WeChat 5xx: it delivers again)
   */
  public ScanOutcome accept(ScanEvent event) {
    String id = event.sceneKey();
    if (!ScanSession.isSessionId(id)) {
      return ScanOutcome.NOT_A_SESSION;
    }
    Transition change = store.scan(id, ScanSession.Scan.of(event));
    if (change.applied()) {
      return ScanOutcome.RECORDED;
    }
    return change.current().map(session -> switch (session.state()) {
      case SCANNED -> ScanOutcome.ALREADY_SCANNED;
      case CONSUMED -> ScanOutcome.AFTER_CONSUMPTION;
      case EXPIRED, WAITING -> ScanOutcome.EXPIRED; // WAITING but refused: it expired as this call ran
    }).orElse(ScanOutcome.UNKNOWN);
  }

  /** Names the store; sessions are never listed. */
  @Override
  public String toString() {
    return "ScanSessions[" + store + "]";
  }
}
