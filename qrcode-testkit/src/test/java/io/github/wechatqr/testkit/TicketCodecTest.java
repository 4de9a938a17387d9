package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TicketCodecTest {

  @Test
  void every_ticket_carries_plus_slash_and_padding_and_looks_like_a_real_one() {
    for (long serial = 1; serial < 200; serial++) {
      String url = "http://weixin.qq.com/q/" + "x".repeat((int) (serial % 30));
      String ticket = TicketCodec.encode(serial, url, Instant.ofEpochSecond(1_700_000_000), 604_800);
      assertThat(ticket).startsWith("gQH4").contains("+", "/").endsWith("==");
      assertThat(TicketCodec.url(ticket)).isEqualTo(url);
    }
  }

  @Test
  void a_foreign_ticket_carries_no_url() {
    assertThat(TicketCodec.url("not base64 !")).isNull();
    assertThat(TicketCodec.url("gQH47joAAAAAAAAAASxodHRwOi8v")).isNull();
  }
}
