package io.github.wechatqr.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TicketTest {

  @Test
  void url_encoding_escapes_every_base64_special_character_once() {
    Ticket ticket = new Ticket("gQH+47j/oAA==");
    assertThat(ticket.urlEncoded()).isEqualTo("gQH%2B47j%2FoAA%3D%3D");
  }

  @Test
  void everything_but_unreserved_characters_is_percent_encoded_as_utf8() {
    assertThat(new Ticket("a b%41*~-._é").urlEncoded()).isEqualTo("a%20b%2541%2A~-._%C3%A9");
  }

  @Test
  void a_plain_ticket_is_left_alone() {
    assertThat(new Ticket("abcXYZ019").urlEncoded()).isEqualTo("abcXYZ019");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void a_missing_or_blank_ticket_is_rejected(String value) {
    assertThatThrownBy(() -> new Ticket(value))
        .isInstanceOf(InvalidQrCodeRequest.class)
        .hasMessageContaining("ticket must be non-blank");
  }

  @Test
  void to_string_is_the_value_because_a_ticket_is_not_a_secret() {
    assertThat(new Ticket("t+1")).hasToString("t+1");
  }
}
