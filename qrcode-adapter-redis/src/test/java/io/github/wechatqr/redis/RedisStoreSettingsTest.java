package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisStoreSettingsTest {
  private final RedisStoreSettings defaults = RedisStoreSettings.defaults();

  @Test
  void the_defaults_let_a_waiter_outlast_a_crashed_holders_lease() {
    assertThat(defaults.keyPrefix()).isEqualTo("wechatqr");
    assertThat(defaults.lockWait()).isGreaterThan(defaults.lockTtl());
    assertThat(defaults.lockTtl()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.commandTimeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void each_wither_changes_its_value_only() {
    RedisStoreSettings changed = defaults.withKeyPrefix("app:qr").withCommandTimeout(Duration.ofMillis(300))
        .withLockTtl(Duration.ofSeconds(3)).withLockWait(Duration.ofSeconds(4));
    assertThat(changed).isEqualTo(new RedisStoreSettings("app:qr", Duration.ofMillis(300), Duration.ofSeconds(3),
        Duration.ofSeconds(4)));
  }

  @Test
  void invalid_values_are_refused() {
    assertThatThrownBy(() -> defaults.withKeyPrefix("has space")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withKeyPrefix("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withLockTtl(Duration.ZERO)).hasMessageContaining("lockTtl");
    assertThatThrownBy(() -> defaults.withLockWait(Duration.ofSeconds(-1))).hasMessageContaining("lockWait");
    assertThatThrownBy(() -> defaults.withCommandTimeout(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void a_prefix_with_a_control_format_or_separator_character_is_refused_so_every_key_prints_as_it_is() {
    for (String prefix : new String[] {"app\u001b[31m", "app\u0000", "app\u007f", "app\u0085", "app\u202e",
        "app\u2028", "app\u00a0", "app\u200b"}) {
      assertThatThrownBy(() -> defaults.withKeyPrefix(prefix)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("control or format characters");
    }
    assertThat(defaults.withKeyPrefix("\u5546\u57ce:qr").keyPrefix()).isEqualTo("\u5546\u57ce:qr");
  }
}
