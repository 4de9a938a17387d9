package io.github.wechatqr.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReusePolicyTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static QrCode code(Duration requested, Duration granted) {
    return new QrCode(QrCodeRequest.temporary(SceneValue.of(1), requested), new Ticket("t"), "http://u",
        T0, T0.plus(granted));
  }

  @Test
  void the_default_reuses_while_at_least_half_the_lifetime_is_left() {
    QrCode code = code(Duration.ofSeconds(100), Duration.ofSeconds(100));
    ReusePolicy policy = ReusePolicy.halfLifetimeLeft();
    assertThat(policy.reusable(code, T0)).isTrue();
    assertThat(policy.reusable(code, T0.plusSeconds(50))).isTrue();
    assertThat(policy.reusable(code, T0.plusSeconds(50).plusNanos(1))).isFalse();
  }

  @Test
  void the_default_halves_an_odd_lifetime_to_the_nanosecond_rounding_down() {
    for (Duration granted : new Duration[] {Duration.ofSeconds(101, 1), Duration.ofSeconds(7, 999_999_999),
        Duration.ofNanos(3), Duration.ofSeconds(2_592_000, 5)}) {
      QrCode code = code(Duration.ofSeconds(100), granted);
      Duration half = granted.dividedBy(2);
      Instant lastReusable = code.expiresAt().minus(half);
      assertThat(ReusePolicy.halfLifetimeLeft().reusable(code, lastReusable)).as("%s", granted).isTrue();
      assertThat(ReusePolicy.halfLifetimeLeft().reusable(code, lastReusable.plusNanos(1))).as("%s", granted)
          .isFalse();
    }
  }

  @Test
  void the_default_handles_lifetimes_beyond_what_nanoseconds_in_a_long_hold() {
    QrCode ancient = new QrCode(QrCodeRequest.temporary(SceneValue.of(1), Duration.ofSeconds(100)), new Ticket("t"),
        "http://u", Instant.MIN, Instant.MAX);
    Duration half = Duration.between(Instant.MIN, Instant.MAX).dividedBy(2);
    assertThat(ReusePolicy.halfLifetimeLeft().reusable(ancient, Instant.MAX.minus(half))).isTrue();
    assertThat(ReusePolicy.halfLifetimeLeft().reusable(ancient, Instant.MAX.minus(half).plusNanos(1))).isFalse();
  }

  @Test
  void the_default_measures_the_granted_lifetime_so_a_shortened_code_is_still_reused() {
    QrCode shortened = code(Duration.ofDays(30), Duration.ofDays(7));
    assertThat(ReusePolicy.halfLifetimeLeft().reusable(shortened, T0.plus(Duration.ofDays(1)))).isTrue();
    assertThat(ReusePolicy.halfLifetimeLeft().reusable(shortened, T0.plus(Duration.ofDays(4)))).isFalse();
  }

  @Test
  void at_least_reuses_while_the_minimum_is_left() {
    QrCode code = code(Duration.ofSeconds(100), Duration.ofSeconds(100));
    ReusePolicy policy = ReusePolicy.atLeast(Duration.ofSeconds(10));
    assertThat(policy.reusable(code, T0.plusSeconds(90))).isTrue();
    assertThat(policy.reusable(code, T0.plusSeconds(91))).isFalse();
    assertThat(ReusePolicy.atLeast(Duration.ZERO).reusable(code, T0.plusSeconds(100))).isFalse();
    assertThatThrownBy(() -> ReusePolicy.atLeast(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void never_reuses() {
    assertThat(ReusePolicy.never().reusable(code(Duration.ofSeconds(100), Duration.ofSeconds(100)), T0))
        .isFalse();
  }
}
