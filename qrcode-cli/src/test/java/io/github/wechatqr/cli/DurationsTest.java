package io.github.wechatqr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({"90s, PT1M30S", "15m, PT15M", "12h, PT12H", "7d, PT168H", "30d, PT720H", "0s, PT0S"})
  void people_write_lifetimes_with_a_unit(String text, Duration expected) {
    assertThat(Durations.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "7", "7w", "-5m", "1.5h", "d", "7 d", "1234567890s"})
  void anything_else_is_refused_with_an_example(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessageContaining("e.g. 90s, 15m, 12h, 7d");
  }
}
