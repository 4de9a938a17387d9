package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.AccessToken;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenLayoutTest {
  private static final AccessToken TOKEN = new AccessToken("s3cret-token", Instant.parse("2026-03-01T02:00:00.5Z"));

  @Test
  void the_token_survives_a_round_trip_in_the_v1_layout() throws Exception {
    assertThat(TokenLayout.write(TOKEN)).isEqualTo(
        Map.of("v", "1", "value", "s3cret-token", "expires_at", "2026-03-01T02:00:00.500Z"));
    assertThat(TokenLayout.read(TokenLayout.write(TOKEN))).isEqualTo(TOKEN);
  }

  @Test
  void a_hand_written_v1_entry_is_read() throws Exception {
    assertThat(TokenLayout.read(Map.of("v", "1", "value", "abc", "expires_at", "2026-03-01T02:00:00Z")))
        .isEqualTo(new AccessToken("abc", Instant.parse("2026-03-01T02:00:00Z")));
  }

  @Test
  void refusals_never_quote_the_token() {
    assertThatThrownBy(() -> TokenLayout.read(Map.of("v", "1", "value", "s3cret-token", "expires_at", "s3cret-token")))
        .hasMessage("field 'expires_at' is not an ISO-8601 instant");
    assertThatThrownBy(() -> TokenLayout.read(Map.of("v", "1", "value", "  ", "expires_at", "2026-03-01T02:00:00Z")))
        .hasMessage("field 'value' is blank");
    assertThatThrownBy(() -> TokenLayout.read(Map.of("v", "2", "value", "s3cret-token")))
        .hasMessageNotContaining("s3cret");
  }
}
