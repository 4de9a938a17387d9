package io.github.wechatqr.it;

import java.util.Optional;

/**
 * The documented places where the domain is deliberately stricter than WeChat (and the fake): a
 * {@code scene_str} must be printable, because it has to travel back in the scan push's XML and be told
 * apart from an empty key. Written here on its own, from the rule's words, not from the domain's code.
 */
final class StricterByDesign {
  private StricterByDesign() {}

  /**
   * @param rawCase a case the domain rejected
   * @return the documented rule that explains why the domain refuses what WeChat would take, if any
   */
  static Optional<String> reason(FuzzCase rawCase) {
    String text = rawCase.str();
    if (text == null) {
      return Optional.empty();
    }
    if (text.codePoints().anyMatch(cp -> cp < 0x10000 && Character.isSurrogate((char) cp))) {
      return Optional.of("unpaired surrogate");
    }
    if (text.codePoints().anyMatch(cp -> cp <= 0x1F || cp >= 0x7F && cp <= 0x9F)) {
      return Optional.of("control character");
    }
    if (text.codePoints().anyMatch(cp -> cp == 0xFFFE || cp == 0xFFFF)) {
      return Optional.of("U+FFFE/U+FFFF");
    }
    if (text.isBlank()) {
      return Optional.of("blank");
    }
    return Optional.empty();
  }
}
