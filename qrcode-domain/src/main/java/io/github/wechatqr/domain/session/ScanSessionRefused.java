package io.github.wechatqr.domain.session;

import io.github.wechatqr.domain.QrCodeException;
import java.util.Objects;

/**
 * A scan session cannot give what was asked: it is unknown, not scanned yet, consumed already or expired.
 * Thrown rather than returned, so that a caller who forgets to look cannot log a second person in with a
 * session consumed before. The message names the session by its first characters only.
 */
public class ScanSessionRefused extends QrCodeException {
  private static final long serialVersionUID = 1L;

  /** Why the session was refused. */
  public enum Reason {
    /** No such session: never opened, forgotten after it expired, or an id of the wrong shape. */
    UNKNOWN,
    /** Nobody scanned it yet. */
    NOT_SCANNED,
    /** Consumed before: this is a second use. */
    ALREADY_CONSUMED,
    /** Its code's lifetime ended before it was consumed. */
    EXPIRED
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why
   * @param shortId the first characters of the session's id ({@link ScanSession#shortId()})
   */
  public ScanSessionRefused(Reason reason, String shortId) {
    super("scan session " + shortId + " refused: " + Objects.requireNonNull(reason, "reason"));
    this.reason = reason;
  }

  /** Returns why the session was refused. */
  public Reason reason() {
    return reason;
  }
}
