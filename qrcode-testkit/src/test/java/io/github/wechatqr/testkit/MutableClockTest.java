package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MutableClockTest {

  @Test
  void it_reads_what_it_was_set_to_until_moved() {
    MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(clock.advance(Duration.ofSeconds(90))).isEqualTo(Instant.parse("2026-01-01T00:01:30Z"));
    assertThat(clock.millis()).isEqualTo(Instant.parse("2026-01-01T00:01:30Z").toEpochMilli());
    clock.set(Instant.EPOCH);
    assertThat(clock.instant()).isEqualTo(Instant.EPOCH);
    assertThat(clock).hasToString("MutableClock[1970-01-01T00:00:00Z]");
  }

  @Test
  void a_zoned_copy_moves_with_the_original() {
    MutableClock clock = MutableClock.at(Instant.EPOCH);
    Clock shanghai = clock.withZone(ZoneId.of("Asia/Shanghai"));
    clock.advance(Duration.ofHours(1));
    assertThat(shanghai.instant()).isEqualTo(Instant.EPOCH.plusSeconds(3600));
    assertThat(shanghai.getZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    assertThat(clock.getZone()).isEqualTo(java.time.ZoneOffset.UTC);
  }
}
