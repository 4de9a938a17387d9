package io.github.wechatqr.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.TokenKeeper;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** Spring Boot 4's adapter shows the neutral report as it is: its status and every detail, in order. */
class Boot4HealthIndicatorTest {
  private final MutableClock clock = MutableClock.at("2026-05-01T08:00:00Z");
  private final AccessTokenState state = new AccessTokenState(clock);
  private final WeChatQrCodeHealth report = new WeChatQrCodeHealth(state, clock, properties());
  private final Boot4HealthIndicator indicator = new Boot4HealthIndicator(report);

  private static WeChatQrCodeProperties properties() {
    WeChatQrCodeProperties properties = new WeChatQrCodeProperties();
    properties.setAppId("wx1234567890abcdef");
    return properties;
  }

  @Test
  void before_the_first_token_it_is_unknown_with_the_reports_details() {
    Health health = indicator.health();

    assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
    assertThat(health.getDetails()).containsExactlyEntriesOf(report.report().details());
  }

  @Test
  void with_a_valid_token_it_is_up_with_the_reports_details() {
    AccessTokenStore store = state.observe(TokenKeeper.inProcess(clock, TokenPolicy.defaults()))
        .create(reason -> new AccessToken("tok-never-shown", clock.instant().plus(Duration.ofHours(2))));
    store.get();

    Health health = indicator.health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsExactlyEntriesOf(report.report().details())
        .containsKey("tokenValidUntil");
    assertThat(health.toString()).doesNotContain("tok-never-shown");
  }
}
