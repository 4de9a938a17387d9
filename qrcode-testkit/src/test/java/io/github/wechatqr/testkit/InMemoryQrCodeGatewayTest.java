package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.IssuedTicket;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.QuotaExceeded;
import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.TicketNotFound;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.service.QrCodeService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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
  void a_scan_without_any_server_resolves_to_the_issued_scene_for_a_listener() {
    QrCodeService service = new QrCodeService(gateway, new InMemoryQrCodeStore(clock), clock);
    QrCode code = service.temporary(SceneValue.of("123"), Duration.ofMinutes(10));
    List<ResolvedScan> heard = new ArrayList<>();
    Consumer<ScanEvent> listener = event -> heard.add(service.resolve(event));

    listener.accept(gateway.scan(code.ticket(), "openid-1", false));
    listener.accept(gateway.scan(code.ticket(), "openid-1", true));

    assertThat(heard).extracting(scan -> scan.event().kind())
        .containsExactly(ScanEvent.Kind.SUBSCRIBE, ScanEvent.Kind.SCAN);
    assertThat(heard).allSatisfy(scan -> {
      assertThat(scan.scene()).isEqualTo(SceneValue.of("123")); // the string, not the id 123
      assertThat(scan.resolution()).isEqualTo(ResolvedScan.Resolution.ISSUED_CODE);
      assertThat(scan.event().openId()).isEqualTo("openid-1");
      assertThat(scan.event().account()).startsWith("gh_");
      assertThat(scan.event().createdAt()).isEqualTo(clock.instant());
    });
  }

  @Test
  void a_scan_reads_the_clock_in_whole_seconds_as_a_push_carries_it() {
    IssuedTicket issued = gateway.issue(QrCodeRequest.permanent(SceneValue.of(7)));
    clock.advance(Duration.ofMillis(1_500));
    ScanEvent scan = gateway.scan(issued.ticket(), "o", true);
    assertThat(scan.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:01Z"));
    assertThat(scan.sceneKey()).isEqualTo("7");
    assertThat(scan.ticket()).isEqualTo(issued.ticket());
  }

  @Test
  void no_scan_is_possible_of_an_unknown_or_expired_ticket() {
    IssuedTicket issued = gateway.issue(QrCodeRequest.temporary(SceneValue.of(1), Duration.ofSeconds(60)));
    assertThatThrownBy(() -> gateway.scan(new Ticket("nope"), "o", false)).isInstanceOf(TicketNotFound.class)
        .hasMessageContaining("never issued it")
        .satisfies(e -> assertThat(((TicketNotFound) e).ticket()).isEqualTo(new Ticket("nope")));
    clock.advance(Duration.ofSeconds(60));
    assertThatThrownBy(() -> gateway.scan(issued.ticket(), "o", false)).isInstanceOf(TicketNotFound.class)
        .hasMessageContaining("expired at");
  }

  @Test
  void the_gateway_of_a_running_fake_scans_its_codes_and_knows_its_followers() {
    try (FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start()) {
      InMemoryQrCodeGateway own = fake.gateway();
      Ticket ticket = own.issue(QrCodeRequest.permanent(SceneValue.of("shop"))).ticket();
      assertThat(own.scan(ticket, "u", false).kind()).isEqualTo(ScanEvent.Kind.SUBSCRIBE);
      fake.callback(Callback.plain(java.net.URI.create("http://127.0.0.1:9/unused"), "t"));
      assertThat(fake.push(ticket, "u").plainXml()).as("now a follower").contains("SCAN");
    }
  }

  @Test
  void wechat_errors_map_to_domain_exceptions() {
    InMemoryQrCodeGateway tiny = new InMemoryQrCodeGateway(clock, 1);
    tiny.issue(QrCodeRequest.permanent(SceneValue.of("first")));
    assertThatThrownBy(() -> tiny.issue(QrCodeRequest.permanent(SceneValue.of("second"))))
        .isInstanceOfSatisfying(QuotaExceeded.class, e -> assertThat(e.permanentCodeLimit()).isTrue());
  }
}
