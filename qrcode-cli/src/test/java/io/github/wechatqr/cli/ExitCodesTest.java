package io.github.wechatqr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.InvalidCallback;
import io.github.wechatqr.domain.InvalidQrCodeRequest;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.TicketNotFound;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.WeChatApiException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ExitCodesTest {

  @Test
  void each_failure_has_its_documented_exit_code() {
    assertThat(ExitCodes.of(new InvalidQrCodeRequest("scene_id", 0, "non-zero"))).isEqualTo(2);
    assertThat(ExitCodes.of(new InvalidCallback("bad signature"))).isEqualTo(2);
    assertThat(ExitCodes.of(new IllegalArgumentException("--size"))).isEqualTo(2);
    assertThat(ExitCodes.of(WeChatApiException.of(45009, "quota"))).isEqualTo(3);
    assertThat(ExitCodes.of(WeChatApiException.of(40125, "secret"))).isEqualTo(3);
    assertThat(ExitCodes.of(new TicketNotFound(new Ticket("t"), "404"))).isEqualTo(3);
    assertThat(ExitCodes.of(new UpstreamUnavailable("down"))).isEqualTo(4);
    assertThat(ExitCodes.of(WeChatApiException.failure(-1, "system error"))).as("busy after retries").isEqualTo(4);
    assertThat(ExitCodes.of(new IOException("disk full"))).isEqualTo(1);
  }
}
