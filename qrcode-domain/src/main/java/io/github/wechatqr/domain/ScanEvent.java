package io.github.wechatqr.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * A user scanned a parametric QR code, as WeChat pushed it: {@code subscribe} (followed now, EventKey
 * {@code qrscene_<scene>}) or {@code SCAN} (already a follower, EventKey {@code <scene>}).
 * {@link #fromPush} parses the push fields; {@code QrCodeService.resolve} turns {@link #sceneKey()} into a
 * typed {@link SceneValue}.
 *
 * @param kind subscribe or scan
 * @param openId who scanned ({@code FromUserName})
 * @param account the account scanned ({@code ToUserName})
 * @param sceneKey the scene's text, {@code qrscene_} prefix already stripped
 * @param ticket the code's ticket; {@code null} if the push carried none
 * @param createdAt the push's {@code CreateTime}
 */
public record ScanEvent(Kind kind, String openId, String account, String sceneKey, Ticket ticket,
    Instant createdAt) {

  /** Prefix WeChat puts before the scene in a {@code subscribe} EventKey. */
  public static final String SUBSCRIBE_PREFIX = "qrscene_";

  /** Which push it was. */
  public enum Kind {
    /** Not a follower yet; followed the account by scanning. */
    SUBSCRIBE,
    /** Already a follower. */
    SCAN
  }

  /** Rejects a push that lacks a field every scan carries. */
  public ScanEvent {
    if (kind == null || createdAt == null) {
      throw new InvalidCallback("a scan push has an event and a CreateTime");
    }
    PushFields.requireText("FromUserName", openId);
    PushFields.requireText("ToUserName", account);
    PushFields.requireText("EventKey", sceneKey);
  }

  /**
   * Reads the fields of an {@code event} push. The {@code qrscene_} prefix is stripped once, and only at
   * the start, so a scene string that itself contains {@code qrscene_} survives intact.
   *
   * @param event the {@code Event} field, or {@code null} if absent (then the push is no scan)
   * @param eventKey the {@code EventKey} field, or {@code null} if absent
   * @param openId {@code FromUserName}
   * @param account {@code ToUserName}
   * @param ticket the {@code Ticket} field, or {@code null} if absent; empty reads as absent
   * @param createdAt the {@code CreateTime}
   * @return the scan, or empty when the push is not a QR scan (another event type, or a plain
   *     {@code subscribe} from search with no EventKey)
   * @throws InvalidCallback if the push claims to be a scan but breaks the protocol
   */
  public static Optional<ScanEvent> fromPush(String event, String eventKey, String openId,
      String account, String ticket, Instant createdAt) {
    boolean noKey = eventKey == null || eventKey.isEmpty();
    Ticket parsedTicket = ticket == null || ticket.isBlank() ? null : new Ticket(ticket);
    if ("subscribe".equalsIgnoreCase(event)) {
      if (noKey || !eventKey.startsWith(SUBSCRIBE_PREFIX)) {
        return Optional.empty();
      }
      String scene = eventKey.substring(SUBSCRIBE_PREFIX.length());
      return Optional.of(new ScanEvent(Kind.SUBSCRIBE, openId, account, scene, parsedTicket, createdAt));
    }
    if ("SCAN".equalsIgnoreCase(event)) {
      if (noKey) {
        throw new InvalidCallback("a SCAN push must carry an EventKey");
      }
      return Optional.of(new ScanEvent(Kind.SCAN, openId, account, eventKey, parsedTicket, createdAt));
    }
    return Optional.empty();
  }

  /**
   * The scene read from the key alone, for codes this library did not issue: a key in canonical decimal
   * form of a non-zero int ({@code 123}, {@code -7}; not {@code 0123} or {@code +5}) is an
   * {@link SceneValue.Id}, anything else a {@link SceneValue.Str}.
   *
   * @return the inferred scene
   * @throws InvalidCallback if the key is no valid scene at all
   */
  public SceneValue inferredScene() {
    try {
      return PushFields.isCanonicalInt(sceneKey)
          ? SceneValue.of(Integer.parseInt(sceneKey))
          : SceneValue.of(sceneKey);
    } catch (InvalidQrCodeRequest e) {
      throw new InvalidCallback("EventKey is not a valid scene: " + e.getMessage(), e);
    }
  }
}
