package io.github.wechatqr.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.CredentialsRejected;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A wrong secret costs one token call per back-off window, not one per request. */
class FeignQrCodeGatewayRefusedTokenTest {
  private static final QrCodeRequest REQUEST = QrCodeRequest.temporary(SceneValue.of(5), Duration.ofHours(1));

  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start();

  @AfterEach
  void close() {
    fake.close();
  }

  @ParameterizedTest
  @EnumSource(TokenMode.class)
  void a_wrong_secret_is_asked_once_per_back_off_window_and_every_caller_gets_the_same_clear_refusal(TokenMode mode) {
    try (FeignQrCodeGateway gateway = TestGateways.against(fake, clock, new TestGateways.RecordingSleeper(clock))
        .secret("not-the-secret-00000000000000000").tokenMode(mode).build()) {
      for (int i = 0; i < 20; i++) {
        assertThatThrownBy(() -> gateway.issue(REQUEST)).isInstanceOf(CredentialsRejected.class)
            .hasMessageContaining("errcode 40125");
      }
      assertThat(fake.journal().tokenFetches()).isEqualTo(1);
      clock.advance(TokenPolicy.DEFAULT_FAILURE_BACKOFF);
      assertThatThrownBy(() -> gateway.issue(REQUEST)).isInstanceOf(CredentialsRejected.class);
      assertThat(fake.journal().tokenFetches()).as("asked again once the window has passed").isEqualTo(2);
    }
  }

  @Test
  void the_back_off_is_configurable_through_the_token_policy() {
    try (FeignQrCodeGateway gateway = TestGateways.against(fake, clock, new TestGateways.RecordingSleeper(clock))
        .secret("not-the-secret-00000000000000000")
        .tokenPolicy(TokenPolicy.builder().failureBackoff(Duration.ofMinutes(5)).build()).build()) {
      assertThatThrownBy(() -> gateway.issue(REQUEST)).isInstanceOf(CredentialsRejected.class);
      clock.advance(Duration.ofMinutes(4));
      assertThatThrownBy(() -> gateway.issue(REQUEST)).isInstanceOf(CredentialsRejected.class);
      assertThat(fake.journal().tokenFetches()).isEqualTo(1);
    }
  }

  @Test
  void a_token_policy_next_to_a_token_store_is_refused_at_build() {
    FeignQrCodeGatewayBuilder both = TestGateways.against(fake, clock, new TestGateways.RecordingSleeper(clock))
        .tokenStore(fetcher -> null).tokenPolicy(TokenPolicy.defaults());
    assertThatThrownBy(both::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("tokenPolicy");
  }
}
