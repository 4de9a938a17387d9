package io.github.wechatqr.domain.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.domain.ResolvedScan.Resolution;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QrCodeServiceResolveTest {
  private final TestClock clock = TestClock.at("2026-01-01T00:00:00Z");
  private final FakeGateway gateway = new FakeGateway();
  private final MapStore store = new MapStore(clock);
  private final QrCodeService service = new QrCodeService(gateway, store, clock);

  private ScanEvent scan(String event, String key, String ticket) {
    return ScanEvent.fromPush(event, key, "openid", "gh_account", ticket, clock.instant()).orElseThrow();
  }

  @Test
  void a_string_scene_123_issued_here_resolves_as_a_string_through_its_ticket() {
    QrCode code = service.temporary(SceneValue.of("123"), Duration.ofHours(1));
    ResolvedScan resolved = service.resolve(scan("subscribe", "qrscene_123", code.ticket().value()));
    assertThat(resolved.scene()).isEqualTo(SceneValue.of("123"));
    assertThat(resolved.resolution()).isEqualTo(Resolution.ISSUED_CODE);
    assertThat(resolved.issuedCode()).contains(code);
  }

  @Test
  void a_string_scene_containing_qrscene_survives_a_subscribe() {
    QrCode code = service.permanent(SceneValue.of("qrscene_vip"));
    ResolvedScan resolved = service.resolve(scan("subscribe", "qrscene_qrscene_vip", code.ticket().value()));
    assertThat(resolved.scene()).isEqualTo(SceneValue.of("qrscene_vip"));
    assertThat(resolved.resolution()).isEqualTo(Resolution.ISSUED_CODE);
  }

  @Test
  void an_unknown_ticket_falls_back_to_the_event_key_rule() {
    ResolvedScan resolved = service.resolve(scan("SCAN", "123", "not-ours"));
    assertThat(resolved.scene()).isEqualTo(SceneValue.of(123));
    assertThat(resolved.resolution()).isEqualTo(Resolution.EVENT_KEY);
    assertThat(resolved.issuedCode()).isEmpty();
  }

  @Test
  void a_scan_without_a_ticket_falls_back_to_the_event_key_rule() {
    ResolvedScan resolved = service.resolve(scan("SCAN", "shop-1", null));
    assertThat(resolved.scene()).isEqualTo(SceneValue.of("shop-1"));
    assertThat(resolved.resolution()).isEqualTo(Resolution.EVENT_KEY);
  }

  @Test
  void a_ticket_whose_code_has_another_scene_is_not_trusted() {
    QrCode code = service.temporary(SceneValue.of("123"), Duration.ofHours(1));
    ResolvedScan resolved = service.resolve(scan("SCAN", "456", code.ticket().value()));
    assertThat(resolved.scene()).isEqualTo(SceneValue.of(456));
    assertThat(resolved.resolution()).isEqualTo(Resolution.EVENT_KEY);
  }

  @Test
  void an_expired_code_no_longer_decides_the_scene() {
    QrCode code = service.temporary(SceneValue.of("123"), Duration.ofHours(1));
    clock.advance(Duration.ofHours(1));
    ResolvedScan resolved = service.resolve(scan("SCAN", "123", code.ticket().value()));
    assertThat(resolved.resolution()).isEqualTo(Resolution.EVENT_KEY);
    assertThat(resolved.scene()).isEqualTo(SceneValue.of(123));
  }
}
