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
 * service. Every part handed in is scoped to the builder's account ({@link AccountParts}): the account is
 * in every key.
 */
final class Assembly {
  private Assembly() {}

  static WeChatQrCodes wire(WeChatQrCodesBuilder options) {
    CacheRuntime runtime = options.runtime();
    TokenPolicy policy = options.tokenPolicy == null ? TokenPolicy.defaults() : options.tokenPolicy;
    List<AutoCloseable> owned = new ArrayList<>();
    AccountParts parts = new AccountParts(options.account);
    owned.add(parts::release);
    try {
      return wire(options, runtime, policy, owned, parts);
    } catch (RuntimeException | Error failure) {
      close(owned);
      throw failure;
    }
  }

  private static WeChatQrCodes wire(WeChatQrCodesBuilder options, CacheRuntime runtime, TokenPolicy policy,
      List<AutoCloseable> owned, AccountParts parts) {
    List<Object> observed = new ArrayList<>();
    QrCodeGateway gateway = options.gateway;
    if (gateway == null) {
      AccessTokenStore.Factory tokens = options.tokenStore != null
          ? parts.factory(options.tokenStore, AccessTokenStore.Factory.class)
          : options.redis != null ? RedisParts.tokenStore(options.redis, options.appId, options.clock, policy)
          : CaffeineAccessTokenStore.factory(runtime, policy);
      // The gateway makes its token store once, while it is built: kept for the metrics.
      List<AccessTokenStore> made = new ArrayList<>(1);
      AccessTokenStore.Factory kept = fetcher -> {
        AccessTokenStore one = tokens.create(fetcher);
        made.add(one);
        observed.add(one);
        return one;
      };
      var feign = options.feign().clock(options.clock).tokenStore(kept);
      if (options.meterRegistry != null) {
        feign.meterRegistry(options.meterRegistry);
      }
      FeignQrCodeGateway built = feign.build();
      owned.add(built);
      // Claimed once the gateway is owned, so a refusal closes it. A host's factory that hands one store
      // to two accounts would make them reject each other's token (40001) on every other call.
      if (options.tokenStore != null) {
        made.forEach(one -> parts.claim("tokenStore", one));
      }
      gateway = built;
    }

    QrCodeStore store = options.store != null ? parts.scoped("store", options.store, QrCodeStore.class)
        : options.redis != null ? RedisParts.codeStore(options.redis, options.appId, options.clock)
        : new CaffeineQrCodeStore(runtime, CaffeineQrCodeStore.DEFAULT_MAXIMUM_SIZE);
    observed.add(store);

    QrImageStore images = options.images != null ? parts.scoped("images", options.images, QrImageStore.class)
        : options.imageCacheBytes > 0 ? new CaffeineImageStore(runtime, options.imageCacheBytes)
        : QrImageStore.none();
    observed.add(images);
    // A local lock suffices in one process: the service already runs one creation per request there.
    CreationLock lock = options.creationLock != null
        ? parts.scoped("creationLock", options.creationLock, CreationLock.class)
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

  /** Closes what a failed wiring had opened already, newest first. */
  private static void close(List<AutoCloseable> owned) {
    for (int i = owned.size() - 1; i >= 0; i--) {
      try {
        owned.get(i).close();
      } catch (Exception ignored) {
        // the wiring's own failure is what the caller must see
      }
    }
  }
}
