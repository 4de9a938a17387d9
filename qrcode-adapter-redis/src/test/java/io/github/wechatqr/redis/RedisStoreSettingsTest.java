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
}
