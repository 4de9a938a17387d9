package io.github.wechatqr.domain;

/** The rules of {@code scene_str}, kept apart so {@link SceneValue} stays a plain shape. */
final class SceneStrings {
  static final int MAX_CODE_POINTS = 64;
  private static final String FIELD = "scene_str";

  private SceneStrings() {}

  static void check(String value) {
    if (value == null) {
      throw new InvalidQrCodeRequest(FIELD, null, "present (1.." + MAX_CODE_POINTS + " code points)");
    }
    int codePoints = value.codePointCount(0, value.length());
    if (codePoints < 1 || codePoints > MAX_CODE_POINTS) {
      throw new InvalidQrCodeRequest(FIELD, quoted(value) + " (" + codePoints + " code points)",
          "1.." + MAX_CODE_POINTS + " code points long");
    }
    if (value.isBlank()) {
      throw new InvalidQrCodeRequest(FIELD, quoted(value), "not blank");
    }
    // A plain loop, not a stream: every SceneValue.Str is checked, including those a store rebuilds on a hit.
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      if (unprintable(cp)) {
        throw new InvalidQrCodeRequest(FIELD, quoted(value) + String.format(" (U+%04X)", cp),
            "free of control characters, unpaired surrogates and U+FFFE/U+FFFF");
      }
      i += Character.charCount(cp);
    }
  }

  private static boolean unprintable(int cp) {
    return Character.isISOControl(cp)
        || cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE
        || cp == 0xFFFE
        || cp == 0xFFFF;
  }

  private static String quoted(String value) {
    StringBuilder out = new StringBuilder("\"");
    value.codePoints().forEach(cp -> {
      if (unprintable(cp)) {
        out.append(String.format("\\u%04X", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.append('"').toString();
  }
}
