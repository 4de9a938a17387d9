package io.github.wechatqr.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class QrCodeExceptionTest {

  @Test
  void every_failure_of_the_library_is_one_unchecked_family() {
    IOException cause = new IOException("connection reset");
    assertThat(new UpstreamUnavailable("down", cause)).isInstanceOf(QrCodeException.class)
        .isInstanceOf(RuntimeException.class).hasCause(cause).hasMessage("down");
    assertThat(new UpstreamUnavailable("down")).hasNoCause();
    assertThat(new UpstreamUnavailable("down").errcode()).isEmpty();
    assertThat(new UpstreamUnavailable("down", cause).errcode()).isEmpty();
    assertThat(new InvalidCallback("bad", cause)).isInstanceOf(QrCodeException.class).hasCause(cause);
    assertThat(new QrCodeException("x", cause)).hasCause(cause);
    assertThat(WeChatApiException.of(40001, "x")).isInstanceOf(QrCodeException.class);
  }

  @Test
  void wechat_busy_after_the_retries_is_upstream_unavailable_with_its_errcode() {
    UpstreamUnavailable busy = new UpstreamUnavailable("system busy", WeChatApiException.SYSTEM_BUSY);
    assertThat(busy).isInstanceOf(QrCodeException.class).hasNoCause().hasMessage("system busy");
    assertThat(busy.errcode()).hasValue(-1);
  }

  @Test
  void ticket_not_found_names_the_ticket() {
    TicketNotFound error = new TicketNotFound(new Ticket("gQ+="), "HTTP 404");
    assertThat(error).isInstanceOf(QrCodeException.class)
        .hasMessage("no QR image for ticket gQ+=: HTTP 404");
    assertThat(error.ticket()).isEqualTo(new Ticket("gQ+="));
  }
}
