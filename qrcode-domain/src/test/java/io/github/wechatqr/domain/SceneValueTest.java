package io.github.wechatqr.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SceneValueTest {

  @ParameterizedTest
  @ValueSource(ints = {Integer.MIN_VALUE, -1, 1, Integer.MAX_VALUE})
  void an_id_is_any_non_zero_int(int id) {
    assertThat(SceneValue.of(id)).isEqualTo(new SceneValue.Id(id));
    assertThat(SceneValue.of(id).text()).isEqualTo(Integer.toString(id));
  }

  @Test
  void an_id_of_zero_is_rejected_naming_field_and_range() {
    assertThatThrownBy(() -> SceneValue.of(0))
        .isInstanceOf(InvalidQrCodeRequest.class)
        .hasMessage("scene_id must be a non-zero 32-bit integer, was 0");
  }

  @Test
  void a_string_of_one_to_64_code_points_is_accepted() {
    assertThat(SceneValue.of("a").text()).isEqualTo("a");
    assertThat(SceneValue.of("x".repeat(64)).text()).hasSize(64);
  }

  @Test
  void length_counts_code_points_so_64_emoji_fit_although_they_are_128_chars() {
    String emoji = "\uD83D\uDE00".repeat(64);
    assertThat(emoji).hasSize(128);
    assertThat(SceneValue.of(emoji).text()).isEqualTo(emoji);
  }

  @Test
  void a_string_of_65_code_points_is_rejected() {
    assertThatThrownBy(() -> SceneValue.of("x".repeat(65)))
        .isInstanceOf(InvalidQrCodeRequest.class)
        .hasMessageContaining("scene_str must be 1..64 code points long")
        .hasMessageContaining("65 code points");
    assertThatThrownBy(() -> SceneValue.of("\uD83D\uDE00".repeat(65)))
        .isInstanceOf(InvalidQrCodeRequest.class);
  }

  @Test
  void an_empty_or_null_string_is_rejected() {
    assertThatThrownBy(() -> SceneValue.of("")).isInstanceOf(InvalidQrCodeRequest.class)
        .hasMessageContaining("scene_str").hasMessageContaining("0 code points");
    assertThatThrownBy(() -> SceneValue.of((String) null)).isInstanceOf(InvalidQrCodeRequest.class)
        .hasMessage("scene_str must be present (1..64 code points), was null");
  }

  @Test
  void a_blank_string_is_rejected() {
    assertThatThrownBy(() -> SceneValue.of("   "))
        .isInstanceOf(InvalidQrCodeRequest.class)
        .hasMessage("scene_str must be not blank, was \"   \"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0000b", "tab\there", "line\nbreak", "cr\r", "del\u007F", "c1\u0085"})
  void control_characters_are_rejected_because_the_scan_push_cannot_carry_them(String scene) {
    assertThatThrownBy(() -> SceneValue.of(scene))
        .isInstanceOf(InvalidQrCodeRequest.class)
        .hasMessageContaining("free of control characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"lone\uD83D", "\uDE00lone", "non\uFFFEchar", "non\uFFFF"})
  void unpaired_surrogates_and_non_characters_are_rejected(String scene) {
    assertThatThrownBy(() -> SceneValue.of(scene))
        .isInstanceOf(InvalidQrCodeRequest.class)
        .hasMessageContaining("unpaired surrogates");
  }

  @Test
  void printable_oddities_are_fine() {
    for (String scene : new String[] {"qrscene_x", "a+b/c=d&e%f#g", " padded ", "中文场景", "123"}) {
      assertThat(SceneValue.of(scene).text()).isEqualTo(scene);
    }
  }

  @Test
  void an_id_and_a_string_with_the_same_text_are_different_scenes() {
    assertThat(SceneValue.of(123)).isNotEqualTo(SceneValue.of("123"));
    assertThat(SceneValue.of(123).text()).isEqualTo(SceneValue.of("123").text());
  }
}
