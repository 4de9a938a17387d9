package io.github.wechatqr.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UntilDeadlineTest {
  private final UntilDeadline<String, Long> expiry = new UntilDeadline<>(deadline -> deadline);

  @Test
  void a_new_entry_lives_until_its_deadline() {
    assertThat(expiry.expireAfterCreate("k", 1_000L, 400L)).isEqualTo(600L);
    assertThat(expiry.expireAfterCreate("k", 300L, 400L)).isZero();
    assertThat(expiry.expireAfterCreate("k", Long.MAX_VALUE, 400L)).isEqualTo(Long.MAX_VALUE - 400L);
  }

  @Test
  void an_update_takes_the_new_values_deadline_and_a_read_keeps_the_current_one() {
    assertThat(expiry.expireAfterUpdate("k", 2_000L, 500L, 77L)).isEqualTo(1_500L);
    assertThat(expiry.expireAfterRead("k", 2_000L, 500L, 77L)).isEqualTo(77L);
  }
}
