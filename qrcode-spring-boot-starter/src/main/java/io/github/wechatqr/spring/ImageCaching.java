package io.github.wechatqr.spring;

import io.github.wechatqr.cache.CacheRuntime;
import io.github.wechatqr.cache.CaffeineImageCache;
import io.github.wechatqr.domain.port.QrCodeGateway;
import java.util.Optional;

/**
 * The gateway {@code QrCodeService} talks to: the application's gateway behind an in-memory image cache,
 * or the gateway itself when the cache is off. A bean of its own type, not a {@link QrCodeGateway}, so
 * that the application still finds exactly one gateway to inject.
 */
final class ImageCaching {
  private final QrCodeGateway gateway;
  private final CaffeineImageCache cache;

  private ImageCaching(QrCodeGateway gateway, CaffeineImageCache cache) {
    this.gateway = gateway;
    this.cache = cache;
  }

  static ImageCaching of(QrCodeGateway gateway, CacheRuntime runtime, long maxBytes) {
    if (maxBytes == 0) {
      return new ImageCaching(gateway, null);
    }
    CaffeineImageCache cache = new CaffeineImageCache(gateway, runtime, maxBytes);
    return new ImageCaching(cache, cache);
  }

  QrCodeGateway gateway() {
    return gateway;
  }

  Optional<CaffeineImageCache> cache() {
    return Optional.ofNullable(cache);
  }
}
