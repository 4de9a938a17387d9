package io.github.wechatqr.domain;

/**
 * The value a QR code carries and a scan reports back: a number ({@link Id}) or a string ({@link Str}).
 * Which one decides the {@link QrType}; the lifetime decides the remaining rules (see {@link QrCodeRequest}).
 */
public sealed interface SceneValue permits SceneValue.Id, SceneValue.Str {

  /**
   * Makes a numeric scene value.
   *
   * @param id a non-zero scene id
   * @return the numeric scene value
   */
  static SceneValue of(int id) {
    return new Id(id);
  }

  /**
   * Makes a string scene value.
   *
   * @param str a scene string of 1..64 code points
   * @return the string scene value
   */
  static SceneValue of(String str) {
    return new Str(str);
  }

  /**
   * The scene as an EventKey carries it: an id's decimal form, a string as is. Note that
   * {@code Id(123)} and {@code Str("123")} share the text {@code 123}.
   *
   * @return the scene's text
   */
  String text();

  /**
   * A numeric scene, {@code scene_id}. Zero is never valid; whether a value fits depends on the lifetime:
   * any non-zero int for a temporary code, 1..100000 for a permanent one.
   *
   * @param value the scene id
   */
  record Id(int value) implements SceneValue {
    /** Rejects zero, which no code type allows. */
    public Id {
      if (value == 0) {
        throw new InvalidQrCodeRequest("scene_id", value, "a non-zero 32-bit integer");
      }
    }

    @Override
    public String text() {
      return Integer.toString(value);
    }
  }

  /**
   * A string scene, {@code scene_str}: 1..64 Unicode code points (not UTF-16 units: 64 emoji are fine),
   * not blank, and printable — no control characters (they cannot travel back in the scan push's XML),
   * no unpaired surrogates and no U+FFFE/U+FFFF.
   *
   * @param value the scene string
   */
  record Str(String value) implements SceneValue {
    /** Enforces the rules above. */
    public Str {
      SceneStrings.check(value);
    }

    @Override
    public String text() {
      return value;
    }
  }
}
