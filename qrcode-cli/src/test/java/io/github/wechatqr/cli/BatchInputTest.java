package io.github.wechatqr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.SceneValue;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchInputTest {
  @TempDir
  Path dir;

  private Path file(String text) throws Exception {
    return Files.writeString(dir.resolve("scenes.csv"), text);
  }

  @Test
  void a_numeric_scene_is_an_id_unless_the_row_says_str() throws Exception {
    var rows = BatchInput.read(file("scene,kind\n123,\n123,str\nshop-1,\n-7,\n0123,\n"));
    assertThat(rows).extracting(BatchRow::sceneValue).containsExactly(SceneValue.of(123), SceneValue.of("123"),
        SceneValue.of("shop-1"), SceneValue.of(-7), SceneValue.of("0123"));
    assertThat(rows.get(0).line()).isEqualTo(2);
  }

  @Test
  void the_header_may_put_the_scene_anywhere_and_the_kind_is_optional() throws Exception {
    var rows = BatchInput.read(file("\uFEFFname,Scene\nfirst shop,\"a,b\"\n"));
    assertThat(rows).extracting(BatchRow::scene).containsExactly("a,b");
  }

  @Test
  void without_a_header_the_first_field_is_the_scene_and_blank_and_comment_lines_are_skipped() throws Exception {
    var rows = BatchInput.read(file("# stores\n42\n\nvip,str\n"));
    assertThat(rows).extracting(BatchRow::sceneValue).containsExactly(SceneValue.of(42), SceneValue.of("vip"));
  }

  @Test
  void a_bad_kind_or_quote_names_the_line() throws Exception {
    assertThatThrownBy(() -> BatchInput.read(file("scene,kind\n1,number\n")))
        .hasMessage("line 2: kind must be str or id, was number");
    assertThatThrownBy(() -> BatchInput.read(file("1\n\"open\n"))).hasMessageStartingWith("line 2:");
  }

  @Test
  void the_type_label_is_known_even_for_an_invalid_scene() {
    BatchRow tooLong = new BatchRow(1, "x".repeat(65), false);
    assertThat(tooLong.typeLabel(true)).isEqualTo("PERMANENT_STR");
    assertThat(new BatchRow(1, "5", false).typeLabel(false)).isEqualTo("TEMPORARY_ID");
  }
}
