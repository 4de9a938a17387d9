package io.github.wechatqr.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.QuotaExceeded;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.feign.FeignQrCodeGateway;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.Fault;
import io.github.wechatqr.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The soak names each failure by the cause the real gateway reports, from the gateway's own messages. */
class SoakOpTest {
  private static final QrCodeRequest REQUEST = QrCodeRequest.temporary(SceneValue.of(5), Duration.ofMinutes(5));

  private static String outcomeAfter(Fault fault) {
    MutableClock clock = MutableClock.at("2026-08-01T00:00:00Z");
    try (FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start();
         FeignQrCodeGateway gateway = Gateways.against(fake, clock).connectTimeout(Duration.ofMillis(100))
             .readTimeout(Duration.ofMillis(150)).build()) {
      gateway.issue(REQUEST); // the token, fetched before the faults start
      fake.failNext(FakeWeChatServer.CREATE, fault, 3);
      try {
        gateway.issue(REQUEST);
        return "ok";
      } catch (QrCodeException e) {
        return new SoakOp(SoakOp.Kind.ISSUE_TEMPORARY, 1, e).outcome();
      }
    }
  }

  @Test
  void failures_after_the_last_attempt_are_named_by_their_cause() {
    assertThat(outcomeAfter(Fault.status(503))).isEqualTo("UpstreamUnavailable (" + SoakOp.SERVER_ERROR + ")");
    assertThat(outcomeAfter(Fault.drop())).isEqualTo("UpstreamUnavailable (" + SoakOp.CONNECTION + ")");
    assertThat(outcomeAfter(Fault.delay(Duration.ofMillis(400))))
        .isEqualTo("UpstreamUnavailable (" + SoakOp.TIMEOUT + ")");
    assertThat(outcomeAfter(Fault.errcode(45009))).isEqualTo("QuotaExceeded 45009");
  }

  @Test
  void a_failure_of_no_known_cause_reads_with_its_message_and_a_success_as_ok() {
    assertThat(new SoakOp(SoakOp.Kind.DOWNLOAD, 1, new UpstreamUnavailable("the gateway is closed")).outcome())
        .isEqualTo("UpstreamUnavailable: the gateway is closed");
    assertThat(new SoakOp(SoakOp.Kind.LOOKUP, 1, null).outcome()).isEqualTo("ok");
    assertThat(new SoakOp(SoakOp.Kind.DOWNLOAD, 1, new QuotaExceeded(45011, "minute quota")).succeeded()).isFalse();
  }
}
