package io.github.wechatqr.cache;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Binds a cache of this module to Micrometer with {@link CaffeineCacheMetrics} ({@code cache.gets},
 * {@code cache.size}, {@code cache.evictions}, {@code cache.load.duration} and the rest, tagged
 * {@code cache=<name>}). Micrometer is an optional dependency: only this class uses it, so hosts without
 * it never load it. A Spring host may simply expose the binder as a bean.
 *
 * <pre>{@code
 * CacheMetrics.of(store).bindTo(registry);            // cache=wechatqr.codes
 * CacheMetrics.of(tokens, Tags.of("account", appId)).bindTo(registry);
 * }</pre>
 */
public final class CacheMetrics implements MeterBinder {
  private final Consumer<MeterRegistry> binding;

  private CacheMetrics(Consumer<MeterRegistry> binding) {
    this.binding = binding;
  }

  /**
   * Also gauges {@code wechatqr.codes.request.index}, the request index's size (equal to the number of
   * cached codes that are the latest for their request).
   *
   * @param store the code store, named {@code wechatqr.codes}
   * @param tags extra tags
   * @return the binder
   */
  public static CacheMetrics of(CaffeineQrCodeStore store, Tag... tags) {
    Objects.requireNonNull(store, "store");
    return new CacheMetrics(registry -> {
      monitor(registry, store.cache(), "wechatqr.codes", tags);
      Gauge.builder("wechatqr.codes.request.index", store, CaffeineQrCodeStore::requestIndexSize)
          .description("Entries of the request index of the QR code store")
          .tags(Tags.of(tags))
          .register(registry);
    });
  }

  /**
   * Also reports the token fetches as {@code cache.load} (result success or failure) and
   * {@code cache.load.duration}, as Micrometer does for loading caches.
   *
   * @param tokens the access token store, named {@code wechatqr.access-token}
   * @param tags extra tags, e.g. the account
   * @return the binder
   */
  public static CacheMetrics of(CaffeineAccessTokenStore tokens, Tag... tags) {
    Objects.requireNonNull(tokens, "tokens");
    String name = "wechatqr.access-token";
    return new CacheMetrics(registry -> {
      monitor(registry, tokens.cache(), name, tags);
      Tags cache = Tags.of(tags).and("cache", name);
      FunctionCounter.builder("cache.load", tokens, t -> t.stats().loadSuccessCount())
          .tags(cache.and("result", "success"))
          .description("Token fetches that returned a token")
          .register(registry);
      FunctionCounter.builder("cache.load", tokens, t -> t.stats().loadFailureCount())
          .tags(cache.and("result", "failure"))
          .description("Token fetches that failed")
          .register(registry);
      FunctionTimer.builder("cache.load.duration", tokens, t -> t.stats().loadCount(),
              t -> t.stats().totalLoadTime(), TimeUnit.NANOSECONDS)
          .tags(cache)
          .description("Time spent fetching tokens, by the runtime's clock")
          .register(registry);
    });
  }

  /**
   * Binds the image store's statistics.
   *
   * @param images the image store, named {@code wechatqr.images}
   * @param tags extra tags
   * @return the binder
   */
  public static CacheMetrics of(CaffeineImageStore images, Tag... tags) {
    Objects.requireNonNull(images, "images");
    return new CacheMetrics(registry -> monitor(registry, images.cache(), "wechatqr.images", tags));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    binding.accept(Objects.requireNonNull(registry, "registry"));
  }

  private static void monitor(MeterRegistry registry, Cache<?, ?> cache, String name, Tag... tags) {
    new CaffeineCacheMetrics<>(cache, name, Tags.of(tags)).bindTo(registry);
  }
}
