package io.github.wechatqr.feign;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.Ticket;
import org.junit.jupiter.api.Test;

class TicketEncodingTest {
  @Test
  void base64_tickets_are_encoded_exactly_as_the_domain_encodes_them() {
    Ticket ticket = new Ticket("gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw+/==");
    assertThat(TicketEncoding.encode(ticket)).isEqualTo(ticket.urlEncoded())
        .contains("%2B%2F%3D%3D").doesNotContain("+", "/", "=");
  }

  @Test
  void everything_but_unreserved_characters_is_percent_encoded_as_utf8() {
    assertThat(TicketEncoding.encode(new Ticket("a b%41*~-._é"))).isEqualTo("a%20b%2541%2A~-._%C3%A9");
  }
}
