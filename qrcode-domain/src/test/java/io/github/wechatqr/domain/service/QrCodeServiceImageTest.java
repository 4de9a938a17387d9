package io.github.wechatqr.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.TestClock;
import io.github.wechatqr.domain.TicketNotFound;
import io.github.wechatqr.domain.port.CreationLock;
import io.github.wechatqr.domain.port.QrImageStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The image's lifetime rule: a downloaded image is kept until the earlier of its code's expiry and the
 * {@code max-age} WeChat sent, counted from the moment it was asked for; with neither, no time bound.
 */
class QrCodeServiceImageTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private final TestClock clock = TestClock.at("2026-01-01T00:00:00Z");
  private final FakeGateway gateway = new FakeGateway();
  private final MapImageStore images = new MapImageStore(clock);
  private final QrCodeService service = new QrCodeService(gateway, new MapStore(clock), clock,
      ReusePolicy.halfLifetimeLeft(), images, CreationLock.local());

  private Instant keptUntil(QrCode code) {
    assertThat(images.kept).containsKey(code.ticket());
    return images.kept.get(code.ticket()).until();
  }

  @Test
  void a_second_image_of_a_code_comes_from_the_image_store() {
    QrCode code = service.temporary(SceneValue.of(7), HOUR);
    QrImage first = service.image(code);
    assertThat(service.image(code)).isEqualTo(first);
    assertThat(gateway.downloaded).containsExactly(code.ticket());
  }

  @Test
  void an_image_is_kept_until_its_code_expires_when_that_comes_before_max_age() {
    QrCode code = service.temporary(SceneValue.of(7), HOUR); // max-age 7 days
    service.image(code);
    assertThat(keptUntil(code)).isEqualTo(code.expiresAt());
  }

  @Test
  void an_image_is_kept_for_max_age_counted_from_the_request_when_that_comes_first() {
    QrCode code = service.temporary(SceneValue.of(7), Duration.ofDays(30));
    gateway.maxAge = Duration.ofMinutes(5);
    Instant askedAt = clock.instant();
    gateway.whileDownloading = () -> clock.advance(Duration.ofSeconds(3)); // a slow download
    service.image(code);
    assertThat(keptUntil(code)).isEqualTo(askedAt.plus(Duration.ofMinutes(5)));
  }

  @Test
  void a_permanent_codes_image_is_kept_for_max_age() {
    QrCode code = service.permanent(SceneValue.of("shop"));
    service.image(code);
    assertThat(keptUntil(code)).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
  }

  @Test
  void a_permanent_codes_image_without_max_age_is_kept_with_no_time_bound() {
    QrCode code = service.permanent(SceneValue.of("shop"));
    gateway.maxAge = null;
    service.image(code);
    assertThat(images.kept).containsKey(code.ticket());
    assertThat(keptUntil(code)).isNull();
    clock.advance(Duration.ofDays(3650));
    service.image(code);
    assertThat(gateway.downloaded).hasSize(1);
  }

  @Test
  void a_max_age_beyond_any_instant_bounds_nothing_and_does_not_throw() {
    QrCode temporary = service.temporary(SceneValue.of(7), HOUR);
    QrCode permanent = service.permanent(SceneValue.of(7));
    gateway.maxAge = Duration.ofSeconds(Long.MAX_VALUE);
    service.image(temporary);
    service.image(permanent);
    assertThat(keptUntil(temporary)).isEqualTo(temporary.expiresAt());
    assertThat(keptUntil(permanent)).isNull();
  }

  @Test
  void an_image_sent_with_max_age_zero_is_not_kept() {
    QrCode code = service.temporary(SceneValue.of(7), HOUR);
    gateway.maxAge = Duration.ZERO;
    service.image(code);
    service.image(code);
    assertThat(images.kept).isEmpty();
    assertThat(gateway.downloaded).hasSize(2);
  }

  @Test
  void a_kept_image_is_downloaded_again_once_its_deadline_passes() {
    QrCode code = service.permanent(SceneValue.of(7));
    gateway.maxAge = Duration.ofMinutes(5);
    service.image(code);
    clock.advance(Duration.ofMinutes(5).minusNanos(1));
    service.image(code);
    assertThat(gateway.downloaded).hasSize(1);
    clock.advance(Duration.ofNanos(1));
    service.image(code);
    assertThat(gateway.downloaded).hasSize(2);
  }

  @Test
  void the_image_of_an_expired_code_is_neither_looked_up_nor_downloaded() {
    QrCode code = service.temporary(SceneValue.of(7), HOUR);
    service.image(code);
    clock.advance(HOUR);
    assertThatThrownBy(() -> service.image(code)).isInstanceOf(TicketNotFound.class).hasMessageContaining("expired");
    assertThat(gateway.downloaded).hasSize(1);
  }

  @Test
  void a_failed_download_reaches_the_caller_and_keeps_nothing() {
    QrCode code = service.temporary(SceneValue.of(7), HOUR);
    gateway.whileDownloading = () -> {
      throw new TicketNotFound(code.ticket(), "HTTP 404");
    };
    assertThatThrownBy(() -> service.image(code)).isInstanceOf(TicketNotFound.class).hasMessageContaining("404");
    assertThat(images.kept).isEmpty();
  }

  @Test
  void without_an_image_store_every_image_is_downloaded() {
    QrCodeService plain = new QrCodeService(gateway, new MapStore(clock), clock);
    QrCode code = plain.temporary(SceneValue.of(7), HOUR);
    plain.image(code);
    plain.image(code);
    assertThat(gateway.downloaded).hasSize(2);
  }

  @Test
  void the_store_that_keeps_nothing_finds_nothing() {
    QrImageStore none = QrImageStore.none();
    QrImage image = new QrImage(new byte[] {1}, "image/jpg", null);
    QrCode code = service.permanent(SceneValue.of(7));
    none.keep(code.ticket(), image, null);
    assertThat(none.find(code.ticket())).isEmpty();
  }
}
