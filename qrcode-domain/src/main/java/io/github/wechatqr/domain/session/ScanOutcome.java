package io.github.wechatqr.domain.session;

/** What {@link ScanSessions#accept} made of a scan. */
public enum ScanOutcome {
  /** The scene is no session id: the scan is the host's, for its own listeners. */
  NOT_A_SESSION,
  /** The first scan of a waiting session: recorded, and its waiters told. */
  RECORDED,
  /** The session was scanned before (WeChat's retry, or a second scanner): nothing changed. */
  ALREADY_SCANNED,
  /** The session was consumed before: a scan after its one use, which logs nobody in. */
  AFTER_CONSUMPTION,
  /** The session's code has expired: nothing changed. */
  EXPIRED,
  /** A session id the store does not know (never opened, or forgotten after it expired). */
  UNKNOWN;

  /** Tells whether the scan named a session, so that it is no business of the host's scan listeners. */
  public boolean claimed() {
    return this != NOT_A_SESSION;
  }
}
