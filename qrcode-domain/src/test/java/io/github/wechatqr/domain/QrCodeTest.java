package io.github.wechatqr.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QrCodeTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final QrCodeRequest WEEKLY =
      QrCodeRequest.temporary(SceneValue.of(42), Duration.ofDays(7));
  private static final QrCodeRequest FOREVER = QrCodeRequest.permanent(SceneValue.of("shop-1"));
  private static final Ticket TICKET = new Ticket("gQ+/=");

  @Test
  void expiry_uses_the_lifetime_wechat_returned_not_the_one_requested() {
    IssuedTicket answer = new IssuedTicket(TICKET, "http://weixin.qq.com/q/a", Duration.ofSeconds(60));
    QrCode code = QrCode.issued(WEEKLY, answer, T0);
    assertThat(code.issuedAt()).isEqualTo(T0);
    assertThat(code.expiresAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(code.type()).isEqualTo(QrType.TEMPORARY_ID);
  }

  @Test
  void expiry_falls_back_to_the_requested_lifetime_when_wechat_sent_none() {
    QrCode code = QrCode.issued(WEEKLY, new IssuedTicket(TICKET, "http://u", null), T0);
    assertThat(code.expiresAt()).isEqualTo(T0.plus(Duration.ofDays(7)));
  }

  @Test
  void a_permanent_code_has_no_expiry_even_if_wechat_sent_one() {
    QrCode code = QrCode.issued(FOREVER, new IssuedTicket(TICKET, "http://u", Duration.ofSeconds(5)), T0);
    assertThat(code.expiresAt()).isNull();
    assertThat(code.isValidAt(Instant.MAX)).isTrue();
    assertThat(code.remainingAt(Instant.MAX)).isEqualTo(QrCode.FOREVER);
  }

  @Test
  void a_temporary_code_is_valid_until_just_before_its_expiry() {
    QrCode code = new QrCode(WEEKLY, TICKET, "http://u", T0, T0.plusSeconds(60));
    Instant expiry = T0.plusSeconds(60);
    assertThat(code.isValidAt(expiry.minusNanos(1))).isTrue();
    assertThat(code.isValidAt(expiry)).isFalse();
    assertThat(code.remainingAt(T0.plusSeconds(15))).isEqualTo(Duration.ofSeconds(45));
    assertThat(code.remainingAt(expiry)).isZero();
    assertThat(code.remainingAt(expiry.plusSeconds(1))).isZero();
  }

  @Test
  void the_expiry_must_match_the_kind_and_follow_the_issue() {
    assertThatThrownBy(() -> new QrCode(WEEKLY, TICKET, "http://u", T0, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new QrCode(FOREVER, TICKET, "http://u", T0, T0.plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new QrCode(WEEKLY, TICKET, "http://u", T0, T0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new QrCode(WEEKLY, TICKET, " ", T0, T0.plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new QrCode(WEEKLY, TICKET, null, T0, T0.plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
