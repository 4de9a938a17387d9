package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {
  @Test
  void printable_text_is_left_as_it_is() {
    String key = "shop:wechatqr:wx1234567890abcdef:req:str:permanent:a%3Ab";
    assertThat(Printable.of(key)).isSameAs(key);
    assertThat(Printable.of("\u4e2d\u6587 \uD83D\uDE00 caf\u00e9")).isEqualTo("\u4e2d\u6587 \uD83D\uDE00 caf\u00e9");
    assertThat(Printable.of(null)).isEqualTo("null");
  }

  @Test
  void every_character_that_could_end_forge_or_colour_a_log_line_is_escaped() {
    assertThat(Printable.of("a\rb\nc\u001b[31md\u0000e\u007ff\u0085g\u009bh\u2028i\u2029j\u202ek\u200bl\uD800m\uE000n"))
        .isEqualTo("a\\u000Db\\u000Ac\\u001B[31md\\u0000e\\u007Ff\\u0085g\\u009Bh\\u2028i\\u2029j\\u202Ek\\u200Bl"
            + "\\uD800m\\uE000n");
  }

  @Test
  void a_long_value_is_cut_and_its_length_said_without_splitting_a_pair() {
    String value = "a".repeat(Printable.LONGEST - 1) + "\uD83D\uDE00" + "b".repeat(10 << 20);

    String shown = Printable.of(value);

    assertThat(shown).isEqualTo("a".repeat(Printable.LONGEST - 1) + "...(" + value.length() + " characters)");
    assertThat(Printable.of("\r".repeat(10 << 20))).hasSizeLessThan(Printable.LONGEST * 6 + 40)
        .doesNotContain("\r");
  }
}
