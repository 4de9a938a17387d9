package io.github.wechatqr.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.Ticket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeignQrCodeGatewayBuilderTest {
  private static final String SECRET = "s3cret-value-0123456789abcdef";

  private static FeignQrCodeGatewayBuilder valid() {
    return FeignQrCodeGateway.builder().appId("wx0123456789abcdef").secret(SECRET);
  }

  @Test
  void app_id_and_secret_are_required() {
    assertThatThrownBy(() -> FeignQrCodeGateway.builder().secret(SECRET).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("appId is required");
    assertThatThrownBy(() -> FeignQrCodeGateway.builder().appId("wx1").build())
        .isInstanceOf(IllegalStateException.class).hasMessage("secret is required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void blank_credentials_are_refused(String blank) {
    assertThatThrownBy(() -> FeignQrCodeGateway.builder().appId(blank))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("appId must be set and non-blank");
    assertThatThrownBy(() -> FeignQrCodeGateway.builder().secret(blank))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("secret must be set and non-blank");
    assertThatThrownBy(() -> FeignQrCodeGateway.builder().secret(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_secret_with_spaces_is_refused_without_being_quoted() {
    String bad = "abc def-secret-part";
    assertThatThrownBy(() -> FeignQrCodeGateway.builder().secret(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secret must be printable ASCII without spaces")
        .message().doesNotContain("def-secret-part");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://api.weixin.qq.com", "api.weixin.qq.com", "/cgi-bin", "http:///cgi-bin", "mailto:a@b",
      "http://user:pw@proxy.local", "https://proxy.local/?x=1", "https://proxy.local/#top"})
  void a_base_that_is_not_a_plain_http_address_is_refused(String base) {
    assertThatThrownBy(() -> valid().apiBase(URI.create(base)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("apiBase must");
    assertThatThrownBy(() -> valid().mpBase(URI.create(base)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("mpBase must");
  }

  @Test
  void a_base_with_a_path_and_trailing_slash_is_accepted_and_normalized() {
    try (FeignQrCodeGateway gateway = valid().mpBase(URI.create("https://proxy.local/wechat-mp/")).build()) {
      assertThat(gateway.imageUrl(new Ticket("a+b")))
          .isEqualTo("https://proxy.local/wechat-mp/cgi-bin/showqrcode?ticket=a%2Bb");
    }
  }

  @Test
  void the_defaults_point_at_wechat() {
    try (FeignQrCodeGateway gateway = valid().build()) {
      assertThat(gateway.imageUrl(new Ticket("t"))).isEqualTo("https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=t");
      assertThat(gateway.toString()).contains("apiBase=https://api.weixin.qq.com", "tokenMode=STABLE");
    }
  }

  @Test
  void timeouts_must_be_positive_and_at_most_ten_minutes() {
    assertThatThrownBy(() -> valid().connectTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("connectTimeout must be positive, was PT0S");
    assertThatThrownBy(() -> valid().readTimeout(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("readTimeout must be positive");
    assertThatThrownBy(() -> valid().readTimeout(Duration.ofMinutes(11)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("readTimeout must be 1 ms .. PT10M");
    assertThatThrownBy(() -> valid().readTimeout(Duration.ofNanos(10)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> valid().connectTimeout(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void retry_limits_are_checked() {
    assertThatThrownBy(() -> valid().maxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxAttempts must be in 1..10, was 0");
    assertThatThrownBy(() -> valid().maxAttempts(11)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> valid().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBackoff must be at least initialBackoff (PT2S), was PT1S");
    assertThatThrownBy(() -> valid().backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("initialBackoff must be positive");
    assertThatThrownBy(() -> valid().retryBudget(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("retryBudget must be positive");
    assertThat(valid().maxAttempts(1).backoff(Duration.ofMillis(1), Duration.ofMillis(1))
        .retryBudget(Duration.ofMillis(5)).retryLimits())
        .isEqualTo(new RetryLimits(1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(5)));
  }

  @Test
  void collaborators_must_not_be_null() {
    assertThatThrownBy(() -> valid().clock(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("clock");
    assertThatThrownBy(() -> valid().tokenStore(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> valid().tokenMode(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> valid().meterRegistry(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void the_gateway_never_shows_its_secret() {
    try (FeignQrCodeGateway gateway = valid().build()) {
      assertThat(gateway.toString()).contains("wx0123456789abcdef", "secret=<redacted>").doesNotContain(SECRET);
    }
  }
}
