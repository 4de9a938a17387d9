package io.github.wechatqr.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

  @Test
  void the_first_of_repeated_names_wins_and_plus_and_percent_escapes_are_decoded() {
    assertThat(QueryParameters.decode("a=1&a=2&b=x+y&c=%2B%3D&flag&&=v"))
        .containsExactly(Map.entry("a", "1"), Map.entry("b", "x y"), Map.entry("c", "+="), Map.entry("flag", ""),
            Map.entry("", "v"));
  }

  @Test
  void an_unencoded_ticket_loses_its_plus_as_wechat_reads_it() {
    assertThat(QueryParameters.decode("ticket=gQH+8Dw==").get("ticket")).isEqualTo("gQH 8Dw==");
    assertThat(QueryParameters.decode("ticket=gQH%2B8Dw%3D%3D").get("ticket")).isEqualTo("gQH+8Dw==");
  }

  @Test
  void utf8_escapes_are_decoded() {
    assertThat(QueryParameters.decode("scene=%E4%BD%A0%E5%A5%BD")).containsEntry("scene", "你好");
  }

  @Test
  void no_query_or_an_empty_one_has_no_parameters() {
    assertThat(QueryParameters.decode(null)).isEmpty();
    assertThat(QueryParameters.decode("")).isEmpty();
  }

  @Test
  void a_malformed_escape_is_refused() {
    assertThatThrownBy(() -> QueryParameters.decode("a=%zz")).isInstanceOf(IllegalArgumentException.class);
  }
}
