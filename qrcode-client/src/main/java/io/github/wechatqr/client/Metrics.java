package io.github.wechatqr.client;

import io.github.wechatqr.cache.CacheMetrics;
import io.github.wechatqr.cache.CaffeineAccessTokenStore;
import io.github.wechatqr.cache.CaffeineImageStore;
import io.github.wechatqr.cache.CaffeineQrCodeStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * Binds the Caffeine parts' statistics. A class of its own so that Micrometer (an optional dependency) is
 * loaded only when {@code meterRegistry(..)} was called; parts of other kinds report nothing here.
 */
final class Metrics {
  private Metrics() {}

  static void bind(MeterRegistry registry, List<Object> parts) {
    for (Object part : parts) {
      if (part instanceof CaffeineQrCodeStore store) {
        CacheMetrics.of(store).bindTo(registry);
      } else if (part instanceof CaffeineAccessTokenStore tokens) {
        CacheMetrics.of(tokens).bindTo(registry);
      } else if (part instanceof CaffeineImageStore images) {
        CacheMetrics.of(images).bindTo(registry);
      }
    }
  }
}
