package io.github.wechatqr.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.testkit.FakeWeChatServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FakeOracleTest {
  @Test
  void bodies_carry_the_raw_values_exactly() {
    assertThat(FakeOracle.body(FuzzCase.ofStr(false, "a\"\uD800", Duration.ofMillis(1500))))
        .isEqualTo("{\"expire_seconds\":1.5,\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":"
            + "{\"scene_str\":\"a\\u0022\\uD800\"}}}");
    assertThat(FakeOracle.body(FuzzCase.ofId(true, -3, Duration.ofSeconds(-7))))
        .isEqualTo("{\"action_name\":\"QR_LIMIT_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":-3}}}");
    assertThat(FakeOracle.seconds(Duration.ofSeconds(-1, 1))).isEqualTo("-0.999999999");
    assertThat(FakeOracle.seconds(Duration.ofDays(3650))).isEqualTo("315360000");
  }

  @Test
  void the_fake_answers_what_it_makes_of_a_raw_case() {
    try (FakeWeChatServer fake = FakeWeChatServer.start()) {
      FakeOracle oracle = new FakeOracle(fake);

      assertThat(oracle.errcodeFor(FuzzCase.ofStr(false, " ", Duration.ofSeconds(60)))).isZero();
      assertThat(oracle.errcodeFor(FuzzCase.ofId(false, 5, Duration.ofMillis(1500)))).isEqualTo(40097);
      assertThat(oracle.errcodeFor(FuzzCase.ofId(true, 100_001, Duration.ZERO))).isEqualTo(40097);
    }
  }
}
