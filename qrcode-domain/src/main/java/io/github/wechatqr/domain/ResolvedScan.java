package io.github.wechatqr.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * A scan with its scene typed, as {@code QrCodeService.resolve} returns it.
 *
 * @param event the scan as pushed
 * @param scene the scene value
 * @param resolution how the scene was found
 * @param code the code this library issued for the ticket; {@code null} when resolved from the key
 */
public record ResolvedScan(ScanEvent event, SceneValue scene, Resolution resolution, QrCode code) {

  /** How the scene's type was decided. */
  public enum Resolution {
    /** The ticket matched a code this library issued: the scene, and its type, are exact. */
    ISSUED_CODE,
    /**
     * Unknown ticket: the scene was read from the EventKey alone (see {@link ScanEvent#inferredScene()}),
     * so a string scene {@code "123"} reads as the id {@code 123}.
     */
    EVENT_KEY
  }

  /** Checks presence, and that a code is attached exactly when it decided the scene. */
  public ResolvedScan {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(scene, "scene");
    Objects.requireNonNull(resolution, "resolution");
    if ((resolution == Resolution.ISSUED_CODE) != (code != null)) {
      throw new IllegalArgumentException("a code is attached exactly when it decided the scene");
    }
  }

  /** Returns the issued code, when the ticket matched one. */
  public Optional<QrCode> issuedCode() {
    return Optional.ofNullable(code);
  }
}
