package io.github.wechatqr.cli;

import io.github.wechatqr.cache.CaffeineQrCodeStore;
import io.github.wechatqr.domain.port.CreationLock;
import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.port.QrImageStore;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.domain.service.ReusePolicy;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.feign.FeignQrCodeGateway;
import io.github.wechatqr.feign.FeignQrCodeGatewayBuilder;
import io.github.wechatqr.feign.TokenMode;
import io.github.wechatqr.redis.RedisStores;
import java.time.Clock;

/**
 * Builds the real adapters from the options: the Feign gateway, and for commands that create or resolve
 * codes a Caffeine code store in this process or, with {@code --redis}, token and code stores shared
 * through Redis. Commands that only fetch or link images get the gateway alone: no store, no Redis
 * connection. Closing it closes what it opened.
 */
final class Wiring implements AutoCloseable {
  // As the gateway's own in-process token store: the token is refreshed 5 minutes before it expires.
  private final Clock clock;
  private final FeignQrCodeGateway gateway;
  private final QrCodeStore store;
  private final CreationLock creationLock;
  private final RedisStores redis;

  private Wiring(WeChatOptions options, Clock clock, boolean creates, boolean stores) {
    this.clock = clock;
    this.redis = stores && options.redis != null ? RedisStores.connect(options.redis.toString()) : null;
    String appId = creates ? options.requireAppId() : orPlaceholder(options.appId);
    FeignQrCodeGatewayBuilder builder = FeignQrCodeGateway.builder()
        .appId(appId)
        // showqrcode needs no credentials; the builder wants some, and they are never sent on that path
        .secret(creates ? options.requireSecret() : orPlaceholder(options.secret))
        .apiBase(options.apiBase)
        .mpBase(options.mpBase)
        .tokenMode(options.classicToken ? TokenMode.CLASSIC : TokenMode.STABLE)
        .clock(clock);
    if (redis != null) {
      builder.tokenStore(redis.tokenStore(appId, clock, TokenPolicy.defaults()));
    }
    this.gateway = builder.build();
    this.store = !stores ? null : redis != null ? redis.qrCodeStore(appId, clock) : new CaffeineQrCodeStore(clock);
    // with --redis, several machines running a batch make one create call per scene between them
    this.creationLock = redis != null ? redis.creationLock(appId) : CreationLock.local();
  }

  /** For commands that create codes: credentials required. */
  static Wiring forCreating(WeChatOptions options, Clock clock) {
    return new Wiring(options, clock, true, true);
  }

  /** For commands that resolve scans of stored codes: no credentials needed, the stores are. */
  static Wiring forResolving(WeChatOptions options, Clock clock) {
    return new Wiring(options, clock, false, true);
  }

  /** For commands that only fetch or link images: no credentials needed. */
  static Wiring forImages(WeChatOptions options, Clock clock) {
    return new Wiring(options, clock, false, false);
  }

  FeignQrCodeGateway gateway() {
    return gateway;
  }

  /** @return the service over the gateway and the store; not for a wiring {@link #forImages} */
  QrCodeService service() {
    if (store == null) {
      throw new IllegalStateException("a wiring for images has no code store");
    }
    return new QrCodeService(gateway, store, clock, ReusePolicy.halfLifetimeLeft(), QrImageStore.none(),
        creationLock);
  }

  @Override
  public void close() {
    gateway.close();
    if (redis != null) {
      redis.close();
    }
  }

  private static String orPlaceholder(String value) {
    return value == null || value.isBlank() ? "unused" : value;
  }
}
