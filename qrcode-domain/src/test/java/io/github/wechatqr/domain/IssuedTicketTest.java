package io.github.wechatqr.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IssuedTicketTest {
  private static final Ticket TICKET = new Ticket("t");

  @Test
  void an_answer_has_a_ticket_a_url_and_maybe_a_lifetime() {
    assertThat(new IssuedTicket(TICKET, "http://u", null).expiresIn()).isNull();
    assertThat(new IssuedTicket(TICKET, "http://u", Duration.ofSeconds(1)).expiresIn()).hasSeconds(1);
  }

  @Test
  void a_blank_url_or_a_non_positive_lifetime_is_refused() {
    assertThatThrownBy(() -> new IssuedTicket(TICKET, "", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IssuedTicket(TICKET, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IssuedTicket(TICKET, "http://u", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IssuedTicket(TICKET, "http://u", Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
