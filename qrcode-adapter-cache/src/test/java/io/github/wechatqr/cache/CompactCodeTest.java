package io.github.wechatqr.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompactCodeTest {
  private static final Instant ISSUED = Instant.parse("2026-03-01T08:00:00.123456789Z");
  private static final String TICKET =
      "gQH4+/+/AAAAAAAAAAEBLWh0dHA6Ly93ZWl4aW4ucXEuY29tL3EvQUJDREVGR0hJSktMTU5PUFFSU1RVVgJpo+iAAwAAAAAAAA==";

  static QrCode temporary(SceneValue scene, String ticket, String url, Duration lifetime) {
    return new QrCode(QrCodeRequest.temporary(scene, lifetime), new Ticket(ticket), url, ISSUED,
        ISSUED.plus(lifetime));
  }

  @Test
  void every_kind_of_code_comes_back_equal() {
    List<QrCode> codes = List.of(
        temporary(SceneValue.of(42), TICKET, "http://weixin.qq.com/q/ABCDEFGHIJKLMNOPQRSTUV", Duration.ofHours(1)),
        temporary(SceneValue.of(Integer.MIN_VALUE), "x", "http://weixin.qq.com/q/", Duration.ofSeconds(1)),
        temporary(SceneValue.of(Integer.MAX_VALUE), "QR==", "https://example.org/q/é", Duration.ofDays(30)),
        temporary(SceneValue.of("\uD83D\uDE00 qrscene_\"<&>\" 中文"), "票据 ticket", "http://weixin.qq.com/q/中文",
            Duration.ofSeconds(2_592_000)),
        temporary(SceneValue.of("123"), "not base64 at all", "u", Duration.ofMinutes(5)),
        new QrCode(QrCodeRequest.permanent(SceneValue.of(100_000)), new Ticket(TICKET), "http://weixin.qq.com/q/p",
            ISSUED, null),
        new QrCode(QrCodeRequest.permanent(SceneValue.of("shop-7")), new Ticket("AAAA"), "http://weixin.qq.com/q/x",
            Instant.parse("1969-12-31T23:59:59.999999999Z"), null),
        new QrCode(QrCodeRequest.temporary(SceneValue.of(-1), Duration.ofSeconds(60)), new Ticket("gQ=="),
            "http://weixin.qq.com/q/y", ISSUED, ISSUED.plusSeconds(59).plusNanos(999_999_999)));
    assertThat(codes).allSatisfy(code -> assertThat(CompactCode.of(0, code).toCode()).isEqualTo(code));
  }

  @Test
  void a_base64_ticket_and_a_weixin_url_are_kept_in_their_decoded_bytes() {
    QrCode code = temporary(SceneValue.of(42), TICKET, "http://weixin.qq.com/q/ABCDEFGHIJKLMNOPQRSTUV",
        Duration.ofHours(1));
    int account = 1; // the account's number, one byte for the first 127 accounts
    int ticketBytes = 73;
    int urlBytes = 22;
    int scene = 1;
    int lifetime = 2;
    int issued = 5 + 4; // epoch second, nanos
    int expires = 2 + 4; // seconds after issue, nanos
    int framing = 2 + 2; // form byte and length of ticket and url
    assertThat(CompactCode.of(0, code).size())
        .isEqualTo(account + ticketBytes + urlBytes + framing + scene + lifetime + issued + expires);
  }

  @Test
  void codes_are_equal_exactly_when_their_tickets_are() {
    CompactCode one = CompactCode.of(0, temporary(SceneValue.of(1), TICKET, "http://a", Duration.ofHours(1)));
    CompactCode sameTicket = CompactCode.of(0, temporary(SceneValue.of("2"), TICKET, "http://b", Duration.ofDays(1)));
    CompactCode otherTicket = CompactCode.of(0, temporary(SceneValue.of(1), "gQ==", "http://a", Duration.ofHours(1)));
    assertThat(one).isEqualTo(sameTicket).hasSameHashCodeAs(sameTicket).isNotEqualTo(otherTicket);
    assertThat(CompactCode.probe(0, new Ticket(TICKET))).isEqualTo(one).hasSameHashCodeAs(one);
    assertThat(CompactCode.probe(0, new Ticket("gQ=="))).isNotEqualTo(one);
    assertThat(CompactCode.probe(1, new Ticket(TICKET))).as("the same ticket of another account").isNotEqualTo(one);
    assertThat(one).isNotEqualTo(one.requestKey()).isNotEqualTo(null);
  }

  @Test
  void a_ticket_kept_as_base64_never_equals_the_same_bytes_kept_as_text() {
    // "QR==" is not canonical base64 (stray bits), so it is kept as text; "QQ==" decodes to the byte 'A'.
    assertThat(CompactCode.probe(0, new Ticket("QR=="))).isNotEqualTo(CompactCode.probe(0, new Ticket("QQ==")));
    assertThat(CompactCode.probe(0, new Ticket("A"))).isNotEqualTo(CompactCode.probe(0, new Ticket("QQ==")));
  }

  @Test
  void the_expiry_is_read_back_in_epoch_nanoseconds_and_permanent_codes_have_none() {
    QrCode code = temporary(SceneValue.of(1), TICKET, "http://a", Duration.ofHours(1));
    assertThat(CompactCode.of(0, code).expiresAtNanos()).isEqualTo(CacheRuntime.nanos(code.expiresAt()));
    QrCode permanent = new QrCode(QrCodeRequest.permanent(SceneValue.of(1)), new Ticket(TICKET), "http://a",
        ISSUED, null);
    assertThat(CompactCode.of(0, permanent).expiresAtNanos()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void to_string_shows_only_the_size() {
    assertThat(CompactCode.probe(0, new Ticket("gQ=="))).hasToString("CompactCode[4 bytes]");
  }
}
