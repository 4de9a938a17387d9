package io.github.wechatqr.domain.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenPolicyTest {

  @Test
  void the_defaults_keep_refresh_ahead_on() {
    TokenPolicy defaults = TokenPolicy.defaults();
    assertThat(defaults.refreshAhead()).isGreaterThan(defaults.safetyMargin());
    assertThat(defaults).isEqualTo(new TokenPolicy(Duration.ofMinutes(1), Duration.ofMinutes(5),
        Duration.ofSeconds(15), Duration.ofSeconds(30)));
  }

  @Test
  void a_margin_that_swallows_the_refresh_ahead_is_refused() {
    assertThatThrownBy(() -> TokenPolicy.builder().safetyMargin(Duration.ofMinutes(3))
        .refreshAhead(Duration.ofMinutes(3)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refreshAhead (PT3M) must be longer than safetyMargin (PT3M)");
    assertThat(TokenPolicy.builder().safetyMargin(Duration.ofMinutes(3)).refreshAhead(Duration.ofMinutes(4))
        .build().refreshAhead()).isEqualTo(Duration.ofMinutes(4));
  }

  @Test
  void each_duration_is_checked_against_its_own_range_by_name() {
    assertThatThrownBy(() -> TokenPolicy.builder().safetyMargin(Duration.ofSeconds(-1)).build())
        .hasMessageStartingWith("safetyMargin must be");
    assertThatThrownBy(() -> TokenPolicy.builder().refreshAhead(Duration.ofMinutes(61)).build())
        .hasMessageStartingWith("refreshAhead must be");
    assertThatThrownBy(() -> TokenPolicy.builder().retryDelay(Duration.ZERO).build())
        .hasMessageStartingWith("retryDelay must be");
    assertThatThrownBy(() -> TokenPolicy.builder().failureBackoff(Duration.ofHours(2)).build())
        .hasMessageStartingWith("failureBackoff must be");
    assertThatThrownBy(() -> TokenPolicy.builder().retryDelay(null).build())
        .isInstanceOf(NullPointerException.class).hasMessage("retryDelay");
  }

  @Test
  void a_margin_stable_token_could_not_serve_is_refused() {
    assertThatThrownBy(() -> TokenPolicy.builder().safetyMargin(Duration.ofMinutes(4).plusSeconds(1))
        .refreshAhead(Duration.ofMinutes(10)).build()).hasMessageStartingWith("safetyMargin must be PT0S .. PT4M");
    assertThat(TokenPolicy.builder().safetyMargin(Duration.ofMinutes(4)).build().safetyMargin())
        .isEqualTo(Duration.ofMinutes(4));
  }

  @Test
  void the_range_edges_are_accepted() {
    TokenPolicy edges = TokenPolicy.builder().safetyMargin(Duration.ZERO).refreshAhead(Duration.ofMinutes(60))
        .retryDelay(Duration.ofMillis(1)).failureBackoff(Duration.ZERO).build();
    assertThat(edges.failureBackoff()).isZero();
  }

  @Test
  void reasons_are_tagged_in_lower_case() {
    assertThat(RefreshReason.DUE.tag()).isEqualTo("due");
    assertThat(RefreshReason.REJECTED.tag()).isEqualTo("rejected");
  }
}
