package io.github.wechatqr.domain.session;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.SceneValue;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One scan session: an unguessable scene string, the temporary code that carries it, and how far it got.
 * {@code WAITING} until the first scan, then {@code SCANNED} (who, how, when) until the waiting party
 * consumes it once ({@code CONSUMED}); a session not consumed when its code's lifetime ends is
 * {@code EXPIRED}. The id is the scene string itself, {@value #ID_PREFIX} followed by 128 random bits in
 * URL-safe base64 (22 characters), so it can travel in a URL and is recognised in a scan's EventKey. The
 * id is the waiting party's capability: whoever holds it can await and consume the session, so it appears
 * in no log line but as its first characters ({@link #shortId()}).
 *
 * @param id the session's scene string ({@link #isSessionId})
 * @param code the temporary code whose scene is {@code id}
 * @param state how far the session got
 * @param scan who scanned it; {@code null} while it is {@code WAITING}, and for a session that expired unscanned
 */
public record ScanSession(String id, QrCode code, State state, Scan scan) {
  /** What every session id starts with, so a scan's scene tells at once whether it names a session. */
  public static final String ID_PREFIX = "scan-session:";
  private static final int RANDOM_BYTES = 16; // 128 bits
  private static final Pattern ID = Pattern.compile(Pattern.quote(ID_PREFIX) + "[A-Za-z0-9_-]{22}");
  private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

  /** How far a session got. */
  public enum State {
    /** Shown, not scanned yet. */
    WAITING,
    /** Scanned once; the scan is recorded and awaits its one consumption. */
    SCANNED,
    /** The scan was consumed (a login or a binding happened); no later scan or consumption counts. */
    CONSUMED,
    /** The code's lifetime ended before the session was consumed. */
    EXPIRED
  }

  /**
   * The first scan of a session.
   *
   * @param openId who scanned ({@code FromUserName})
   * @param kind {@code SUBSCRIBE} (followed the account by scanning) or {@code SCAN} (a follower already)
   * @param at when WeChat says the scan happened (the push's {@code CreateTime})
   */
  public record Scan(String openId, ScanEvent.Kind kind, Instant at) {
    /** Rejects a missing field and an openId that could not have come from a push. */
    public Scan {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(at, "at");
      if (openId == null || openId.isBlank() || openId.length() > 64
          || openId.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException("openId must be 1..64 characters without control characters");
      }
    }

    /**
     * Reads the scan of a push.
     *
     * @param event the scan as pushed
     * @return who scanned, how and when
     */
    public static Scan of(ScanEvent event) {
      return new Scan(event.openId(), event.kind(), event.createdAt());
    }
  }

  /** Checks that the code carries the id and that a scan is recorded exactly where the state needs one. */
  public ScanSession {
    if (!isSessionId(id)) {
      throw new IllegalArgumentException("id must be " + ID_PREFIX + " and 22 URL-safe base64 characters");
    }
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(state, "state");
    if (code.request().isPermanent() || !code.request().scene().equals(SceneValue.of(id))) {
      throw new IllegalArgumentException("the code must be a temporary code whose scene is the session id");
    }
    boolean needsScan = state == State.SCANNED || state == State.CONSUMED;
    if (needsScan && scan == null || state == State.WAITING && scan != null) {
      throw new IllegalArgumentException("a " + state + " session " + (needsScan ? "needs" : "has no") + " scan");
    }
  }

  /**
   * Makes a new session id: {@value #ID_PREFIX} and 128 bits of {@code random}, URL-safe.
   *
   * @param random a {@link SecureRandom}, so that ids cannot be guessed
   * @return a fresh id, 35 characters (within the 64 of {@code scene_str})
   */
  public static String newId(SecureRandom random) {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return ID_PREFIX + URL_SAFE.encodeToString(bytes);
  }

  /**
   * Tells whether a text has the shape of a session id.
   *
   * @param text a scene string, an EventKey's scene or an id a browser sent; {@code null} is none
   * @return whether it is {@value #ID_PREFIX} followed by 22 URL-safe base64 characters
   */
  public static boolean isSessionId(String text) {
    return text != null && ID.matcher(text).matches();
  }

  /**
   * Returns a new waiting session.
   *
   * @param code the temporary code whose scene is the session id
   * @return the session, {@code WAITING}
   */
  public static ScanSession waiting(QrCode code) {
    return new ScanSession(code.request().scene().text(), code, State.WAITING, null);
  }

  /**
   * Returns the session scanned.
   *
   * @param first the first scan
   * @return this session, {@code SCANNED} by {@code first}
   */
  public ScanSession scanned(Scan first) {
    return new ScanSession(id, code, State.SCANNED, Objects.requireNonNull(first, "first"));
  }

  /** Returns this session, {@code CONSUMED}, with its scan. */
  public ScanSession consumed() {
    return new ScanSession(id, code, State.CONSUMED, scan);
  }

  /**
   * Returns the session as it stands at {@code now}: {@code EXPIRED} once the code's lifetime has ended,
   * unless it was consumed before.
   *
   * @param now the clock's reading
   * @return this session, or it {@code EXPIRED}
   */
  public ScanSession at(Instant now) {
    return state == State.CONSUMED || state == State.EXPIRED || code.isValidAt(now)
        ? this : new ScanSession(id, code, State.EXPIRED, scan);
  }

  /** Returns the first characters of the id, enough to follow a session in a log and useless to take it over. */
  public String shortId() {
    return shortId(id);
  }

  /**
   * Returns the first characters of a text given as a session id, for a log line or a message.
   *
   * @param id a session id, or any text given as one
   * @return at most its first 17 characters, then {@code ...}
   */
  public static String shortId(String id) {
    int end = Math.min(id.length(), ID_PREFIX.length() + 4);
    return id.substring(0, end) + "...";
  }

  /** Names the state and the short id; never the whole id. */
  @Override
  public String toString() {
    return "ScanSession[" + shortId() + ", " + state + (scan == null ? "" : ", " + scan) + ", expiresAt="
        + code.expiresAt() + "]";
  }
}
