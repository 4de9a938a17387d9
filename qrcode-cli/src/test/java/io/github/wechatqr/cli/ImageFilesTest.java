package io.github.wechatqr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageFilesTest {

  @Test
  void names_are_readable_safe_and_stable() {
    String name = ImageFiles.name("TEMPORARY_STR", "shop 1/../x");
    assertThat(name).matches("temporary-str-shop_1_.._x-[0-9a-f]{8}\\.jpg");
    assertThat(ImageFiles.name("TEMPORARY_STR", "shop 1/../x")).isEqualTo(name);
  }

  @Test
  void scenes_that_sanitize_alike_still_get_different_names() {
    assertThat(ImageFiles.name("PERMANENT_STR", "a/b")).isNotEqualTo(ImageFiles.name("PERMANENT_STR", "a?b"));
    assertThat(ImageFiles.name("PERMANENT_STR", "门店")).isNotEqualTo(ImageFiles.name("PERMANENT_STR", "商店"));
  }

  @Test
  void long_scenes_are_cut_in_the_readable_part_only() {
    assertThat(ImageFiles.name("PERMANENT_STR", "x".repeat(64))).hasSize("permanent-str-".length() + 40 + 1 + 8 + 4);
  }
}
