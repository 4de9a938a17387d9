package io.github.wechatqr.client;

import io.github.wechatqr.cache.CacheRuntime;
import io.github.wechatqr.cache.CaffeineAccessTokenStore;
import io.github.wechatqr.cache.CaffeineImageStore;
import io.github.wechatqr.cache.CaffeineQrCodeStore;
import io.github.wechatqr.domain.port.CreationLock;
import io.github.wechatqr.domain.port.QrCodeGateway;
import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.port.QrImageStore;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.feign.FeignQrCodeGateway;
import java.util.ArrayList;
import java.util.List;

/**
 * How the parts fit together, in one place: one clock (through one {@link CacheRuntime}) for every part,
 * the token store around the gateway's fetcher, the code store, the image store, the creation lock and the
 * service.
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

    QrImageStore images = options.images != null ? options.images
        : options.imageCacheBytes > 0 ? new CaffeineImageStore(runtime, options.imageCacheBytes)
        : QrImageStore.none();
    observed.add(images);
    // A local lock suffices in one process: the service already runs one creation per request there.
    CreationLock lock = options.creationLock != null ? options.creationLock
        : options.redis != null ? RedisParts.creationLock(options.redis, options.appId)
        : CreationLock.local();
    QrCodeService service = new QrCodeService(gateway, store, options.clock, options.reusePolicy, images, lock);

    if (options.meterRegistry != null) {
      Metrics.bind(options.meterRegistry, observed);
    }
    String description = "WeChatQrCodes[appId=" + options.appId + ", gateway=" + gateway
        + ", store=" + store.getClass().getSimpleName()
        + ", images=" + (options.images != null ? images.getClass().getSimpleName()
            : options.imageCacheBytes > 0 ? options.imageCacheBytes + " bytes" : "off")
        + ", creationLock=" + (options.creationLock == null && options.redis == null ? "local"
            : lock.getClass().getSimpleName()) + "]";
    return new WeChatQrCodes(service, owned, description);
  }
}
