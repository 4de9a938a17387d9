package io.github.wechatqr.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.ResolvedScan.Resolution;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResolvedScanTest {
  private static final Instant AT = Instant.ofEpochSecond(1_700_000_000);
  private static final ScanEvent SCAN =
      ScanEvent.fromPush("SCAN", "1", "o", "gh", "t", AT).orElseThrow();
  private static final QrCode CODE = new QrCode(QrCodeRequest.permanent(SceneValue.of(1)),
      new Ticket("t"), "http://u", AT, null);

  @Test
  void a_code_is_attached_exactly_when_it_decided_the_scene() {
    assertThat(new ResolvedScan(SCAN, SceneValue.of(1), Resolution.ISSUED_CODE, CODE).issuedCode())
        .contains(CODE);
    assertThat(new ResolvedScan(SCAN, SceneValue.of(1), Resolution.EVENT_KEY, null).issuedCode())
        .isEmpty();
    assertThatThrownBy(() -> new ResolvedScan(SCAN, SceneValue.of(1), Resolution.ISSUED_CODE, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ResolvedScan(SCAN, SceneValue.of(1), Resolution.EVENT_KEY, CODE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
