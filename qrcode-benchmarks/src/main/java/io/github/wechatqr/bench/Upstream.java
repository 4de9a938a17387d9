package io.github.wechatqr.bench;

import io.github.wechatqr.cache.CacheRuntime;
import io.github.wechatqr.cache.CaffeineAccessTokenStore;
import io.github.wechatqr.cache.CaffeineQrCodeStore;
import io.github.wechatqr.domain.port.QrCodeGateway;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.feign.FeignQrCodeGateway;
import io.github.wechatqr.testkit.FakeWeChatServer;
import java.time.Clock;
import java.time.Duration;

/**
 * The production wiring every scenario measures, pointed at a fake WeChat: the Feign gateway with a
 * Caffeine token store, and a {@link QrCodeService} over a Caffeine code store.
 */
final class Upstream {
  /** The lifetime of every temporary code the scenarios create: 7 days, so nothing expires mid-run. */
  static final Duration LIFETIME = Duration.ofDays(7);

  private Upstream() {}

  /** The Feign gateway against {@code fake}, with the token kept in a Caffeine store as the CLI does. */
  static FeignQrCodeGateway gateway(FakeWeChatServer fake, Clock clock) {
    return FeignQrCodeGateway.builder()
        .appId(fake.appId())
        .secret(fake.secret())
        .apiBase(fake.baseUri())
        .mpBase(fake.baseUri())
        .clock(clock)
        .tokenStore(CaffeineAccessTokenStore.factory(CacheRuntime.of(clock), TokenPolicy.defaults()))
        .build();
  }

  /** The service over {@code gateway} and a Caffeine code store of the default size. */
  static QrCodeService service(QrCodeGateway gateway, Clock clock) {
    return new QrCodeService(gateway, new CaffeineQrCodeStore(clock), clock);
  }
}
