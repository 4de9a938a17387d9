package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.IssuedTicket;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.QuotaExceeded;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.TicketNotFound;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.service.QrCodeService;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryQrCodeGatewayTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final InMemoryQrCodeGateway gateway = new InMemoryQrCodeGateway(clock);

  @Test
  void it_issues_codes_whose_images_decode_to_their_url() {
    IssuedTicket issued = gateway.issue(QrCodeRequest.temporary(SceneValue.of("s"), Duration.ofMinutes(5)));
    assertThat(issued.expiresIn()).isEqualTo(Duration.ofMinutes(5));
    assertThat(QrImages.decode(gateway.download(issued.ticket()).bytes())).isEqualTo(issued.url());
    assertThat(gateway.issueCount()).isEqualTo(1);
    assertThat(gateway.downloadCount()).isEqualTo(1);
  }

  @Test
  void expired_and_unknown_tickets_have_no_image() {
    IssuedTicket issued = gateway.issue(QrCodeRequest.temporary(SceneValue.of(1), Duration.ofSeconds(60)));
    clock.advance(Duration.ofSeconds(60));
    assertThatThrownBy(() -> gateway.download(issued.ticket())).isInstanceOf(TicketNotFound.class);
    assertThatThrownBy(() -> gateway.download(new Ticket("nope"))).isInstanceOf(TicketNotFound.class);
  }

  @Test
  void a_permanent_scene_keeps_its_ticket() {
    IssuedTicket first = gateway.issue(QrCodeRequest.permanent(SceneValue.of(9)));
    assertThat(gateway.issue(QrCodeRequest.permanent(SceneValue.of(9))).ticket()).isEqualTo(first.ticket());
    assertThat(first.expiresIn()).isNull();
  }

  @Test
  void a_scripted_failure_is_thrown_once() {
    gateway.failNextIssue(new UpstreamUnavailable("down"));
    QrCodeRequest request = QrCodeRequest.permanent(SceneValue.of(9));
    assertThatThrownBy(() -> gateway.issue(request)).isInstanceOf(UpstreamUnavailable.class);
    assertThat(gateway.issue(request).ticket()).isNotNull();
  }

  @Test
  void it_serves_a_qr_code_service_end_to_end_with_the_in_memory_store() {
    QrCodeService service = new QrCodeService(gateway, new InMemoryQrCodeStore(clock), clock);
    QrCode code = service.temporary(SceneValue.of("login"), Duration.ofMinutes(10));
    assertThat(service.temporary(SceneValue.of("login"), Duration.ofMinutes(10))).isEqualTo(code);
    assertThat(QrImages.decode(service.image(code).bytes())).isEqualTo(code.url());
    assertThat(gateway.issueCount()).isEqualTo(1);
  }

  @Test
  void wechat_errors_map_to_domain_exceptions() {
    InMemoryQrCodeGateway tiny = new InMemoryQrCodeGateway(clock, 1);
    tiny.issue(QrCodeRequest.permanent(SceneValue.of("first")));
    assertThatThrownBy(() -> tiny.issue(QrCodeRequest.permanent(SceneValue.of("second"))))
        .isInstanceOfSatisfying(QuotaExceeded.class, e -> assertThat(e.permanentCodeLimit()).isTrue());
  }
}
