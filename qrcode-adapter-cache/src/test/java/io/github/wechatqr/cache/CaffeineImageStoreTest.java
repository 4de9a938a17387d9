package io.github.wechatqr.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.IssuedTicket;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.TicketNotFound;
import io.github.wechatqr.domain.port.QrCodeGateway;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.QrImages;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CaffeineImageCacheTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final InMemoryQrCodeGateway wechat = new InMemoryQrCodeGateway(clock);
  private final CaffeineImageCache images = cache(wechat, CaffeineImageCache.DEFAULT_MAXIMUM_BYTES);

  private CaffeineImageCache cache(QrCodeGateway delegate, long maximumBytes) {
    return new CaffeineImageCache(delegate, CacheRuntime.sameThread(clock), maximumBytes);
  }

  private QrCode issue(QrCodeRequest request) {
    return QrCode.issued(request, wechat.issue(request), clock.instant());
  }

  private QrCode temporary(int scene, Duration lifetime) {
    return issue(QrCodeRequest.temporary(SceneValue.of(scene), lifetime));
  }

  @Test
  void a_second_download_of_a_code_is_served_from_the_cache() {
    QrCode code = temporary(1, HOUR);
    QrImage first = images.download(code);
    QrImage second = images.download(code);
    assertThat(second).isEqualTo(first);
    assertThat(QrImages.decode(second.bytes())).isEqualTo(code.url());
    assertThat(wechat.downloadCount()).isEqualTo(1);
    assertThat(images.stats().hitCount()).isEqualTo(1);
  }

  @Test
  void a_download_by_ticket_uses_a_cached_image_but_a_miss_goes_to_the_delegate_and_is_not_kept() {
    QrCode cached = temporary(1, HOUR);
    QrCode other = temporary(2, HOUR);
    images.download(cached);
    assertThat(images.download(cached.ticket())).isEqualTo(images.download(cached));
    assertThat(wechat.downloadCount()).isEqualTo(1);
    images.download(other.ticket());
    images.download(other.ticket());
    assertThat(wechat.downloadCount()).isEqualTo(3);
  }

  @Test
  void an_image_is_never_served_past_its_codes_expiry() {
    QrCode code = temporary(1, HOUR); // the server's max-age is 7 days
    images.download(code);
    clock.set(code.expiresAt().minusNanos(1));
    images.download(code);
    assertThat(wechat.downloadCount()).isEqualTo(1);
    clock.set(code.expiresAt());
    assertThatThrownBy(() -> images.download(code)).isInstanceOf(TicketNotFound.class);
    assertThatThrownBy(() -> images.download(code.ticket())).isInstanceOf(TicketNotFound.class);
    assertThat(wechat.downloadCount()).isEqualTo(3);
  }

  @Test
  void an_image_is_never_served_past_the_max_age_the_server_sent() {
    CaffeineImageCache shortLived = cache(new MaxAge(wechat, Duration.ofMinutes(5)), 1L << 20);
    QrCode code = temporary(1, Duration.ofDays(30));
    shortLived.download(code);
    clock.advance(Duration.ofMinutes(5).minusNanos(1));
    shortLived.download(code);
    assertThat(wechat.downloadCount()).isEqualTo(1);
    clock.advance(Duration.ofNanos(1));
    shortLived.download(code);
    assertThat(wechat.downloadCount()).isEqualTo(2);
  }

  @Test
  void an_image_sent_with_max_age_zero_is_not_kept() {
    CaffeineImageCache uncacheable = cache(new MaxAge(wechat, Duration.ZERO), 1L << 20);
    QrCode code = temporary(1, HOUR);
    uncacheable.download(code);
    uncacheable.download(code);
    assertThat(wechat.downloadCount()).isEqualTo(2);
  }

  @Test
  void a_permanent_codes_image_without_max_age_stays_until_evicted_by_size() {
    CaffeineImageCache noMaxAge = cache(new MaxAge(wechat, null), 1L << 20);
    QrCode code = issue(QrCodeRequest.permanent(SceneValue.of(9)));
    noMaxAge.download(code);
    clock.advance(Duration.ofDays(3650));
    noMaxAge.download(code);
    assertThat(wechat.downloadCount()).isEqualTo(1);
  }

  @Test
  void the_cache_holds_no_more_image_bytes_than_its_bound() {
    List<QrCode> codes = IntStream.rangeClosed(1, 6).mapToObj(i -> temporary(i, HOUR)).toList();
    int size = wechat.download(codes.get(0).ticket()).size();
    long bound = 3L * size + size / 2;
    CaffeineImageCache bounded = cache(wechat, bound);
    codes.forEach(bounded::download);
    bounded.cleanUp();
    assertThat(bounded.weightedSize()).isPositive().isLessThanOrEqualTo(bound);
    assertThat(bounded.stats().evictionCount()).isPositive();
    assertThat(bounded.stats().evictionWeight()).isGreaterThanOrEqualTo(size / 2);
    int before = wechat.downloadCount();
    codes.forEach(bounded::download); // the evicted ones come from the delegate again
    assertThat(wechat.downloadCount()).isGreaterThan(before);
  }

  @Test
  void an_image_larger_than_the_bound_is_never_kept() {
    CaffeineImageCache tiny = cache(wechat, 10);
    QrCode code = temporary(1, HOUR);
    tiny.download(code);
    tiny.download(code);
    assertThat(wechat.downloadCount()).isEqualTo(2);
  }

  @Test
  void failures_of_the_delegate_propagate_and_are_not_cached() {
    QrCode unknown = new QrCode(QrCodeRequest.temporary(SceneValue.of(1), HOUR), new Ticket("never-issued"),
        "http://weixin.qq.com/q/x", clock.instant(), clock.instant().plus(HOUR));
    assertThatThrownBy(() -> images.download(unknown)).isInstanceOf(TicketNotFound.class);
    assertThatThrownBy(() -> images.download(unknown)).isInstanceOf(TicketNotFound.class);
    assertThat(wechat.downloadCount()).isEqualTo(2);
  }

  @Test
  void issuing_goes_straight_to_the_delegate() {
    IssuedTicket issued = images.issue(QrCodeRequest.permanent(SceneValue.of("shop")));
    assertThat(issued.expiresIn()).isNull();
    assertThat(wechat.issueCount()).isEqualTo(1);
  }

  @Test
  void a_negative_byte_bound_is_rejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> cache(wechat, -1)).withMessageContaining("maximumBytes");
  }

  /** The delegate's images, with another max-age. */
  private record MaxAge(QrCodeGateway delegate, Duration maxAge) implements QrCodeGateway {
    @Override
    public IssuedTicket issue(QrCodeRequest request) {
      return delegate.issue(request);
    }

    @Override
    public QrImage download(Ticket ticket) {
      QrImage image = delegate.download(ticket);
      return new QrImage(image.bytes(), image.contentType(), maxAge);
    }
  }
}
