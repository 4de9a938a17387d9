package io.github.wechatqr.domain;

import java.time.Duration;

/**
 * What to ask WeChat for: a scene and, for a temporary code, its lifetime. Every rule of the protocol is
 * checked here, so an invalid request never reaches the network:
 * <ul>
 *   <li>temporary lifetime: whole seconds, 1 s .. 2,592,000 s (30 days); sub-second parts are rejected,
 *       not rounded, because WeChat counts whole seconds and a silent rounding would change the expiry;</li>
 *   <li>temporary {@code scene_id}: any non-zero 32-bit int;</li>
 *   <li>permanent {@code scene_id}: 1..100000;</li>
 *   <li>{@code scene_str}: see {@link SceneValue.Str}.</li>
 * </ul>
 * Two requests are equal when scene and lifetime are; that is the key under which codes are reused.
 *
 * @param scene the scene value
 * @param lifetime the requested lifetime of a temporary code; {@code null} for a permanent code
 *     (use {@link #temporary} and {@link #permanent} rather than the constructor)
 */
public record QrCodeRequest(SceneValue scene, Duration lifetime) {
  private static final Duration MIN_LIFETIME = Duration.ofSeconds(1);
  /** The longest lifetime of a temporary code: 30 days. */
  public static final Duration MAX_LIFETIME = Duration.ofSeconds(2_592_000);
  /** The largest permanent {@code scene_id}. */
  public static final int MAX_PERMANENT_SCENE_ID = 100_000;

  /** Enforces the rules above. */
  public QrCodeRequest {
    if (scene == null) {
      throw new InvalidQrCodeRequest("scene", null, "present");
    }
    if (lifetime == null) {
      if (scene instanceof SceneValue.Id id
          && (id.value() < 1 || id.value() > MAX_PERMANENT_SCENE_ID)) {
        throw new InvalidQrCodeRequest("scene_id", id.value(),
            "1.." + MAX_PERMANENT_SCENE_ID + " for a permanent code");
      }
    } else if (lifetime.getNano() != 0
        || lifetime.compareTo(MIN_LIFETIME) < 0
        || lifetime.compareTo(MAX_LIFETIME) > 0) {
      throw new InvalidQrCodeRequest("expire_seconds", lifetime,
          "whole seconds in 1.." + MAX_LIFETIME.toSeconds() + " (PT1S..PT720H)");
    }
  }

  /**
   * Makes a request for a temporary code.
   *
   * @param scene the scene value
   * @param lifetime how long the code stays valid: whole seconds, 1 s .. 30 days
   * @return a request for a temporary code
   * @throws InvalidQrCodeRequest if a rule is broken
   */
  public static QrCodeRequest temporary(SceneValue scene, Duration lifetime) {
    if (lifetime == null) {
      throw new InvalidQrCodeRequest("expire_seconds", null, "present for a temporary code");
    }
    return new QrCodeRequest(scene, lifetime);
  }

  /**
   * Makes a request for a permanent code.
   *
   * @param scene the scene value; a {@code scene_id} must be in 1..100000
   * @return a request for a permanent code
   * @throws InvalidQrCodeRequest if a rule is broken
   */
  public static QrCodeRequest permanent(SceneValue scene) {
    return new QrCodeRequest(scene, null);
  }

  /** Returns whether the code never expires. */
  public boolean isPermanent() {
    return lifetime == null;
  }

  /** Returns the code type, derived from lifetime and scene. */
  public QrType type() {
    return QrType.of(isPermanent(), scene);
  }
}
