package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.IssuedTicket;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShapesTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void tokens_shaped_like_wechats_and_the_fakes_pass() {
    for (int bytes : new int[] {1, 48, 96, 384, 1536}) {
      byte[] value = new byte[bytes];
      random.nextBytes(value);
      assertThat(Shapes.token(Base64.getUrlEncoder().withoutPadding().encodeToString(value))).isNull();
      assertThat(Shapes.token(Base64.getEncoder().encodeToString(value))).isNull();
    }
    assertThat(Shapes.token("89_dxXbVgqxT-kOXOvDbW_fPMAHNJQ.sAAAAA~x")).isNull();
    assertThat(Shapes.token("x".repeat(Shapes.LONGEST_TOKEN))).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "tok en", "tok\ten", "tok\r\n", "tok\u001b[2J", "tok&a=b", "tok%0A", "tok?x", "tok#x",
      "tok:x", "tok\u0000", "tok\u007f", "tok\u0085", "\u4ee4\u724c", "tok\u202e", "tok\u2028", "tok\uD800"})
  void tokens_with_a_character_outside_the_alphabet_or_no_character_fail(String value) {
    assertThat(Shapes.token(value)).startsWith("is not of WeChat's shape: ");
  }

  @Test
  void a_token_longer_than_any_of_wechats_fails_and_the_reason_says_how_long_it_was() {
    assertThat(Shapes.token("x".repeat(Shapes.LONGEST_TOKEN + 1)))
        .isEqualTo("is not of WeChat's shape: 2049 characters long (1..2048 characters of A-Z a-z 0-9 - . _ ~ + / =)");
    assertThat(Shapes.token(null)).contains("absent");
  }

  @Test
  void every_ticket_and_url_the_fake_hands_out_passes() {
    InMemoryQrCodeGateway fake = new InMemoryQrCodeGateway(MutableClock.at("2026-03-01T00:00:00Z"));
    for (int i = 1; i <= 200; i++) {
      for (QrCodeRequest request : new QrCodeRequest[] {
          QrCodeRequest.temporary(SceneValue.of(i), Duration.ofSeconds(i)),
          QrCodeRequest.temporary(SceneValue.of("session-" + i + "-\u4e2d"), Duration.ofDays(30)),
          QrCodeRequest.permanent(SceneValue.of(i)),
          QrCodeRequest.permanent(SceneValue.of("shop:" + i))}) {
        IssuedTicket issued = fake.issue(request);
        assertThat(Shapes.ticket(issued.ticket().value())).as(issued.ticket().value()).isNull();
        assertThat(Shapes.url(issued.url())).as(issued.url()).isNull();
      }
    }
  }

  @Test
  void tickets_of_base64_plain_or_url_safe_pass() {
    assertThat(Shapes.ticket("gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xLzAyMFdfV0JiUHZkZUMxMDAwMHcwN3EAAgS=="))
        .isNull();
    assertThat(Shapes.ticket("gQH-_x==")).isNull();
    assertThat(Shapes.ticket("never-issued")).isNull();
    assertThat(Shapes.ticket("A".repeat(Shapes.LONGEST_TICKET))).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "gQH x==", "gQH\r\nx", "gQH\u001b[31m", "gQH%2F", "gQH:req:id:1", "gQH.x", "gQH~x",
      "\u7968", "gQH\uD83D\uDE00"})
  void tickets_with_a_character_outside_base64_fail(String value) {
    assertThat(Shapes.ticket(value)).startsWith("is not of WeChat's shape: ");
  }

  @Test
  void a_ticket_longer_than_any_of_wechats_fails() {
    assertThat(Shapes.ticket("A".repeat(Shapes.LONGEST_TICKET + 1))).contains("1025 characters long");
  }

  @Test
  void urls_of_http_or_https_in_visible_ascii_pass() {
    assertThat(Shapes.url("http://weixin.qq.com/q/02xTVpBrm1b2S10000M07t")).isNull();
    assertThat(Shapes.url("https://weixin.qq.com/q/x?a=b&c=%E4%B8%AD")).isNull();
    assertThat(Shapes.url("HTTP://weixin.qq.com/q/x")).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "http://", "https://", "javascript:alert(1)", "ftp://x", "weixin.qq.com/q/x",
      "http://weixin.qq.com/q/x y", "http://weixin.qq.com/q/x\r\nLocation:evil", "http://weixin.qq.com/q/\u4e2d",
      "http://x/\u001b[31m", "http://x/\u007f"})
  void urls_of_another_scheme_or_with_invisible_or_non_ascii_characters_fail(String value) {
    assertThat(Shapes.url(value)).startsWith("is ");
  }

  @Test
  void a_reason_names_the_offending_code_point_and_never_quotes_the_value() {
    assertThat(Shapes.token("s3cret\rtoken"))
        .isEqualTo("is not of WeChat's shape: U+000D at index 6 (1..2048 characters of A-Z a-z 0-9 - . _ ~ + / =)")
        .doesNotContain("s3cret");
    assertThat(Shapes.ticket("gQH\uD83D\uDE00")).contains("U+1F600 at index 3");
    assertThat(Shapes.url("http://x/" + "a".repeat(Shapes.LONGEST_URL))).contains("2057 characters long");
  }
}
