package io.github.wechatqr.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessTokenTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void to_string_never_shows_the_value() {
    AccessToken token = new AccessToken("SECRET-TOKEN-VALUE", T0);
    assertThat(token.toString())
        .doesNotContain("SECRET-TOKEN-VALUE")
        .isEqualTo("AccessToken[value=<redacted>, expiresAt=2026-01-01T00:00:00Z]");
  }

  @Test
  void expiry_is_issue_time_plus_expires_in() {
    assertThat(AccessToken.issued("v", T0, Duration.ofSeconds(7200)).expiresAt())
        .isEqualTo(T0.plusSeconds(7200));
  }

  @Test
  void a_token_is_usable_until_the_safety_margin_before_its_expiry() {
    AccessToken token = new AccessToken("v", T0.plusSeconds(7200));
    Duration margin = Duration.ofMinutes(5);
    Instant lastUsable = T0.plusSeconds(7200 - 300).minusNanos(1);
    assertThat(token.isUsableAt(lastUsable, margin)).isTrue();
    assertThat(token.isUsableAt(lastUsable.plusNanos(1), margin)).isFalse();
    assertThat(token.isUsableAt(T0.plusSeconds(7200), Duration.ZERO)).isFalse();
  }

  @Test
  void a_token_has_a_value() {
    assertThatThrownBy(() -> new AccessToken(" ", T0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AccessToken(null, T0)).isInstanceOf(IllegalArgumentException.class);
  }
}
