package io.github.wechatqr.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.cache.CacheRuntime;
import io.github.wechatqr.cache.CaffeineImageCache;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class ImageCachingTest {
  private final MutableClock clock = MutableClock.at("2026-05-01T08:00:00Z");
  private final InMemoryQrCodeGateway gateway = new InMemoryQrCodeGateway(clock);

  @Test
  void with_a_byte_budget_images_are_served_from_memory() {
    ImageCaching caching = ImageCaching.of(gateway, CacheRuntime.sameThread(clock), 1 << 20);
    QrCode code = QrCode.issued(QrCodeRequest.permanent(SceneValue.of(1)),
        caching.gateway().issue(QrCodeRequest.permanent(SceneValue.of(1))), clock.instant());

    caching.gateway().download(code);
    caching.gateway().download(code);

    assertThat(caching.cache()).get().isInstanceOf(CaffeineImageCache.class);
    assertThat(gateway.downloadCount()).isEqualTo(1);
  }

  @Test
  void a_zero_budget_leaves_the_gateway_as_it_is() {
    ImageCaching caching = ImageCaching.of(gateway, CacheRuntime.sameThread(clock), 0);

    assertThat(caching.gateway()).isSameAs(gateway);
    assertThat(caching.cache()).isEmpty();
  }
}
