package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayoutTest {

  @Test
  void only_the_version_this_release_knows_is_accepted() throws Exception {
    Layout.checkVersion(Map.of("v", "1"));
    assertThatThrownBy(() -> Layout.checkVersion(Map.of())).hasMessage("no layout version field 'v'");
    assertThatThrownBy(() -> Layout.checkVersion(Map.of("v", "x"))).hasMessage("layout version 'v' is not a number");
    assertThatThrownBy(() -> Layout.checkVersion(Map.of("v", "2"))).hasMessageContaining("newer release");
    assertThatThrownBy(() -> Layout.checkVersion(Map.of("v", "0"))).hasMessage("unknown layout version v0");
  }

  @Test
  void an_absent_entry_is_empty_without_asking_the_reader() {
    assertThat(Layout.readOrSkip("k", Map.of(), fields -> {
      throw new AssertionError("not called for an absent entry");
    })).isEmpty();
  }

  @Test
  void an_unreadable_entry_is_empty_and_a_readable_one_is_present() {
    assertThat(Layout.readOrSkip("k", Map.of("v", "9"), fields -> {
      Layout.checkVersion(fields);
      return "read";
    })).isEmpty();
    assertThat(Layout.readOrSkip("k", Map.of("v", "1"), fields -> "read")).contains("read");
  }

  @Test
  void script_arguments_are_the_head_then_name_value_pairs_in_order() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("v", "1");
    fields.put("url", "u");
    assertThat(Layout.arguments(fields, "owner", "100")).containsExactly("owner", "100", "v", "1", "url", "u");
  }
}
