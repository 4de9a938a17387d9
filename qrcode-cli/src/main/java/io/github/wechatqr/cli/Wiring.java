package io.github.wechatqr.cli;

import io.github.wechatqr.cache.CaffeineAccessTokenStore;
import io.github.wechatqr.cache.CaffeineQrCodeStore;
import io.github.wechatqr.domain.port.AccessTokenStore;
import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.feign.FeignQrCodeGateway;
import io.github.wechatqr.feign.TokenMode;
import io.github.wechatqr.redis.RedisStores;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds the real adapters from the options: the Feign gateway, and Caffeine stores in this process or,
 * with {@code --redis}, stores shared through Redis. Closing it closes what it opened.
 */
final class Wiring implements AutoCloseable {
  private static final Duration SAFETY_MARGIN = Duration.ofMinutes(5);
  private final Clock clock;
  private final FeignQrCodeGateway gateway;
  private final QrCodeStore store;
  private final RedisStores redis;

  private Wiring(WeChatOptions options, Clock clock, boolean needsToken) {
    this.clock = clock;
    this.redis = options.redis == null ? null : RedisStores.connect(options.redis.toString());
    String appId = needsToken ? options.requireAppId() : orPlaceholder(options.appId);
    AccessTokenStore tokens = redis != null
        ? redis.accessTokenStore(appId, clock, SAFETY_MARGIN)
        : new CaffeineAccessTokenStore(clock, SAFETY_MARGIN);
    this.store = redis != null ? redis.qrCodeStore(appId, clock) : new CaffeineQrCodeStore(clock);
    this.gateway = FeignQrCodeGateway.builder()
        .appId(appId)
        // showqrcode needs no credentials; the builder wants some, and they are never sent on that path
        .secret(needsToken ? options.requireSecret() : orPlaceholder(options.secret))
        .apiBase(options.apiBase)
        .mpBase(options.mpBase)
        .tokenMode(options.stableToken ? TokenMode.STABLE : TokenMode.CLASSIC)
        .tokenStore(tokens)
        .clock(clock)
        .build();
  }

  /** For commands that create codes: credentials required. */
  static Wiring forCreating(WeChatOptions options, Clock clock) {
    return new Wiring(options, clock, true);
  }

  /** For commands that only fetch or link images: no credentials needed. */
  static Wiring forImages(WeChatOptions options, Clock clock) {
    return new Wiring(options, clock, false);
  }

  FeignQrCodeGateway gateway() {
    return gateway;
  }

  QrCodeService service() {
    return new QrCodeService(gateway, store, clock);
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
