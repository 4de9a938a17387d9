package io.github.wechatqr.client;

import io.github.wechatqr.cache.CacheRuntime;
import io.github.wechatqr.cache.CaffeineAccessTokenStore;
import io.github.wechatqr.cache.CaffeineImageCache;
import io.github.wechatqr.cache.CaffeineQrCodeStore;
import io.github.wechatqr.domain.port.QrCodeGateway;
import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.feign.FeignQrCodeGateway;
import java.util.ArrayList;
import java.util.List;

/**
 * How the parts fit together, in one place: one clock (through one {@link CacheRuntime}) for every part,
 * the token store around the gateway's fetcher, the code store, the image cache and the service.
 */
final class Assembly {
  private Assembly() {}

  static WeChatQrCodes wire(WeChatQrCodesBuilder options) {
    CacheRuntime runtime = options.runtime();
    TokenPolicy policy = options.tokenPolicy == null ? TokenPolicy.defaults() : options.tokenPolicy;
    List<AutoCloseable> owned = new ArrayList<>();
    List<Object> observed = new ArrayList<>();

    QrCodeGateway gateway = options.gateway;
    if (gateway == null) {
      AccessTokenStore.Factory tokens = options.tokenStore != null ? options.tokenStore
          : options.redis != null ? RedisParts.tokenStore(options.redis, options.appId, options.clock, policy)
          : CaffeineAccessTokenStore.factory(runtime, policy);
      // The gateway makes its token store once, while it is built: kept for the metrics.
      AccessTokenStore.Factory kept = fetcher -> {
        AccessTokenStore made = tokens.create(fetcher);
        observed.add(made);
        return made;
      };
      var feign = options.feign().clock(options.clock).tokenStore(kept);
      if (options.meterRegistry != null) {
        feign.meterRegistry(options.meterRegistry);
      }
      FeignQrCodeGateway built = feign.build();
      owned.add(built);
      gateway = built;
    }

    QrCodeStore store = options.store != null ? options.store
        : options.redis != null ? RedisParts.codeStore(options.redis, options.appId, options.clock)
        : new CaffeineQrCodeStore(runtime, CaffeineQrCodeStore.DEFAULT_MAXIMUM_SIZE);
    observed.add(store);

    // The image cache is a gateway decorator today; the creation lock comes with the Redis code store.
    QrCodeGateway images = gateway;
    if (options.imageCacheBytes > 0) {
      CaffeineImageCache cache = new CaffeineImageCache(gateway, runtime, options.imageCacheBytes);
      observed.add(cache);
      images = cache;
    }
    QrCodeService service = new QrCodeService(images, store, options.clock, options.reusePolicy);

    if (options.meterRegistry != null) {
      Metrics.bind(options.meterRegistry, observed);
    }
    String description = "WeChatQrCodes[appId=" + options.appId + ", gateway=" + gateway
        + ", store=" + store.getClass().getSimpleName()
        + ", images=" + (options.imageCacheBytes > 0 ? options.imageCacheBytes + " bytes" : "off") + "]";
    return new WeChatQrCodes(service, owned, description);
  }
}
