package io.github.wechatqr.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.domain.ResolvedScan.Resolution;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.port.CreationLock;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.domain.service.ReusePolicy;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.QrImages;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** End to end: the use case over the in-memory WeChat double, with this module's code store and image store. */
class CaffeineWiringTest {
  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final CacheRuntime runtime = CacheRuntime.sameThread(clock);
  private final InMemoryQrCodeGateway wechat = new InMemoryQrCodeGateway(clock);
  private final CaffeineQrCodeStore store = new CaffeineQrCodeStore(runtime, 1_000);
  private final QrCodeService qrcodes = new QrCodeService(wechat, store, clock, ReusePolicy.halfLifetimeLeft(),
      new CaffeineImageStore(runtime, 1L << 20), CreationLock.local());

  private static ScanEvent scanOf(QrCode code) {
    return ScanEvent.fromPush("SCAN", code.request().scene().text(), "openid-1", "gh_account",
        code.ticket().value(), code.issuedAt()).orElseThrow();
  }

  @Test
  void a_temporary_code_is_reused_its_image_downloaded_once_and_its_scan_resolved_exactly() {
    QrCode login = qrcodes.temporary(SceneValue.of("123"), Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(4));
    assertThat(qrcodes.temporary(SceneValue.of("123"), Duration.ofMinutes(10))).isEqualTo(login);
    QrImage image = qrcodes.image(login);
    assertThat(qrcodes.image(login)).isEqualTo(image);
    assertThat(QrImages.decode(image.bytes())).isEqualTo(login.url());
    assertThat(wechat.issueCount()).isEqualTo(1);
    assertThat(wechat.downloadCount()).isEqualTo(1);

    ResolvedScan scan = qrcodes.resolve(scanOf(login));
    assertThat(scan.resolution()).isEqualTo(Resolution.ISSUED_CODE);
    assertThat(scan.scene()).isEqualTo(SceneValue.of("123")); // a string, although the EventKey reads as a number
  }

  @Test
  void once_a_code_is_past_half_its_life_a_new_one_is_issued_and_the_old_one_still_resolves_until_it_expires() {
    QrCode first = qrcodes.temporary(SceneValue.of(42), Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(6));
    QrCode second = qrcodes.temporary(SceneValue.of(42), Duration.ofMinutes(10));
    assertThat(second).isNotEqualTo(first);
    assertThat(qrcodes.resolve(scanOf(first)).resolution()).isEqualTo(Resolution.ISSUED_CODE);
    clock.set(first.expiresAt());
    assertThat(qrcodes.resolve(scanOf(first)).resolution()).isEqualTo(Resolution.EVENT_KEY);
    assertThat(qrcodes.resolve(scanOf(second)).code()).isEqualTo(second);
    store.cleanUp();
    assertThat(store.estimatedSize()).isEqualTo(1);
    assertThat(store.requestIndexSize()).isEqualTo(1);
  }

  @Test
  void a_permanent_code_is_created_once_and_served_from_the_store_years_later() {
    QrCode shop = qrcodes.permanent(SceneValue.of(17));
    clock.advance(Duration.ofDays(3650));
    assertThat(qrcodes.permanent(SceneValue.of(17))).isEqualTo(shop);
    assertThat(qrcodes.image(shop)).isEqualTo(qrcodes.image(shop));
    assertThat(wechat.issueCount()).isEqualTo(1);
    assertThat(wechat.downloadCount()).isEqualTo(1);
  }
}
