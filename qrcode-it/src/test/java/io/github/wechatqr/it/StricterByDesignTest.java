package io.github.wechatqr.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StricterByDesignTest {
  private static FuzzCase str(String text) {
    return FuzzCase.ofStr(false, text, Duration.ofMinutes(1));
  }

  @Test
  void unprintable_or_blank_scene_strings_are_the_documented_differences() {
    assertThat(StricterByDesign.reason(str("a\uD800b"))).contains("unpaired surrogate");
    assertThat(StricterByDesign.reason(str("a\u0007b"))).contains("control character");
    assertThat(StricterByDesign.reason(str("a\u0085b"))).contains("control character");
    assertThat(StricterByDesign.reason(str("a\uFFFF"))).contains("U+FFFE/U+FFFF");
    assertThat(StricterByDesign.reason(str(" \u3000 "))).contains("blank");
  }

  @Test
  void anything_else_is_no_documented_difference() {
    assertThat(StricterByDesign.reason(str("qrscene_\uD83D\uDE00 a+b/c=d"))).isEmpty();
    assertThat(StricterByDesign.reason(str("a".repeat(65)))).isEmpty();
    assertThat(StricterByDesign.reason(FuzzCase.ofId(true, 0, Duration.ZERO))).isEmpty();
  }
}
