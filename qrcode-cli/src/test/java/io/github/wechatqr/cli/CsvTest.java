package io.github.wechatqr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

  @Test
  void quoted_fields_may_hold_commas_and_doubled_quotes() {
    assertThat(Csv.split("a,\"b,c\",\"say \"\"hi\"\"\",")).containsExactly("a", "b,c", "say \"hi\"", "");
  }

  @Test
  void joining_quotes_only_what_needs_it_and_round_trips() {
    List<String> fields = List.of("plain", "with,comma", "with \"quote\"", "", "中文\uD83D\uDE00");
    String line = Csv.join(fields);
    assertThat(line).isEqualTo("plain,\"with,comma\",\"with \"\"quote\"\"\",,中文\uD83D\uDE00");
    assertThat(Csv.split(line)).isEqualTo(fields);
  }

  @Test
  void an_unterminated_quote_is_an_error() {
    assertThatThrownBy(() -> Csv.split("\"open")).isInstanceOf(IllegalArgumentException.class);
  }
}
