package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RateLimitedLogTest {
  private final AtomicLong nanos = new AtomicLong(123_456_789L);
  private final RateLimitedLog log =
      new RateLimitedLog(LoggerFactory.getLogger(RateLimitedLogTest.class), 10, nanos::get);

  @Test
  void one_line_per_interval_each_telling_how_many_were_held_back() throws Exception {
    assertThat(log.warn("first {}", "rl-marker-1")).isTrue();
    for (int i = 0; i < 7; i++) {
      assertThat(log.warn("held {}", "rl-marker-x")).isFalse();
    }
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(10) - 1);
    assertThat(log.warn("still held {}", "rl-marker-x")).isFalse();
    nanos.addAndGet(1);
    assertThat(log.warn("second {}", "rl-marker-2")).isTrue();
    assertThat(log.warn("held {}", "rl-marker-x")).isFalse();

    String logged = Files.readString(Path.of(System.getProperty("org.slf4j.simpleLogger.logFile")),
        StandardCharsets.UTF_8);
    assertThat(logged).contains("WARN io.github.wechatqr.events.RateLimitedLogTest - first rl-marker-1; 0 more such"
        + " lines held back since the last one")
        .contains("second rl-marker-2; 8 more such lines held back since the last one")
        .doesNotContain("rl-marker-x");
  }

  @Test
  void text_from_a_client_cannot_forge_log_lines() {
    assertThat(Refusals.printable("a\r\nWARN forged\u0000\u2028", 100)).isEqualTo("a??WARN forged??");
    assertThat(Refusals.printable("x".repeat(50), 10)).isEqualTo("x".repeat(10) + "…");
  }
}
