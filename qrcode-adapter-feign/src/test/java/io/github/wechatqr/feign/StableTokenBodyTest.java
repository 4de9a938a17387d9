package io.github.wechatqr.feign;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StableTokenBodyTest {
  @Test
  void the_body_is_the_spec_json_and_to_string_hides_the_secret() throws Exception {
    StableTokenBody body = StableTokenBody.of("wxapp", "top-secret-value", true);
    assertThat(WireJson.MAPPER.writeValueAsString(body)).isEqualTo(
        "{\"grant_type\":\"client_credential\",\"appid\":\"wxapp\",\"secret\":\"top-secret-value\",\"force_refresh\":true}");
    assertThat(body.toString()).contains("wxapp", "<redacted>").doesNotContain("top-secret-value");
  }
}
