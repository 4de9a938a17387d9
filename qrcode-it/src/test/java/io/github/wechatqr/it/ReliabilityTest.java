package io.github.wechatqr.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReliabilityTest {
  @Test
  void a_section_is_replaced_between_its_markers_and_the_rest_is_kept() {
    String tail = "\nafter\n<!-- fuzz:begin -->x<!-- fuzz:end -->";
    String doc = "# Title\n<!-- soak:begin -->\nold figures\n<!-- soak:end -->" + tail;

    assertThat(Reliability.replaced(doc, "soak", "| new | 1 |\n"))
        .isEqualTo("# Title\n<!-- soak:begin -->\n| new | 1 |\n<!-- soak:end -->" + tail);
  }

  @Test
  void a_document_without_the_sections_markers_is_refused() {
    assertThatThrownBy(() -> Reliability.replaced("# nothing here", "leaks", "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<!-- leaks:begin -->");
  }

  @Test
  void the_default_build_runs_the_short_versions() {
    assertThat(Reliability.fuzzCases()).isGreaterThanOrEqualTo(300);
    assertThat(Reliability.soakSeconds()).isGreaterThanOrEqualTo(10);
    assertThat(Reliability.decodeEvery()).isPositive();
    assertThat(Reliability.reactorRoot().resolve("qrcode-it")).isDirectory();
  }
}
