package io.github.wechatqr.it;

import io.github.wechatqr.cache.CacheRuntime;
import io.github.wechatqr.cache.CaffeineAccessTokenStore;
import io.github.wechatqr.cache.CaffeineQrCodeStore;
import io.github.wechatqr.domain.port.AccessTokenStore;
import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.feign.FeignQrCodeGateway;
import io.github.wechatqr.redis.RedisStoreSettings;
import io.github.wechatqr.redis.RedisStores;
import io.github.wechatqr.testkit.FakeWeChatServer;
import java.time.Clock;
import java.time.Duration;

/**
 * One simulated process of a host application: its own Feign gateway (its own HTTP client) and its own
 * stores, wired into its own {@link QrCodeService}, as a separate JVM would have them.
 */
final class ClusterInstance implements AutoCloseable {
  static final Duration TOKEN_MARGIN = Duration.ofMinutes(1);

  final QrCodeService service;
  private final FeignQrCodeGateway gateway;
  private final RedisStores redis;

  private ClusterInstance(FakeWeChatServer fake, Clock clock, AccessTokenStore tokens, QrCodeStore codes,
      RedisStores redis) {
    this.gateway = Gateways.against(fake, clock).tokenStore(tokens).build();
    this.service = new QrCodeService(gateway, codes, clock);
    this.redis = redis;
  }

  /** An instance whose token and codes live in Redis, over a Lettuce connection of its own. */
  static ClusterInstance sharingRedis(String redisUri, RedisStoreSettings settings, FakeWeChatServer fake,
      Clock clock) {
    RedisStores redis = RedisStores.connect(redisUri, settings);
    return new ClusterInstance(fake, clock, redis.accessTokenStore(fake.appId(), clock, TOKEN_MARGIN),
        redis.qrCodeStore(fake.appId(), clock), redis);
  }

  /** An instance whose token and codes live in its own memory (Caffeine), shared with nobody. */
  static ClusterInstance inProcess(FakeWeChatServer fake, Clock clock) {
    CacheRuntime runtime = CacheRuntime.sameThread(clock);
    return new ClusterInstance(fake, clock,
        new CaffeineAccessTokenStore(runtime, TOKEN_MARGIN, CaffeineAccessTokenStore.DEFAULT_REFRESH_AHEAD,
            CaffeineAccessTokenStore.DEFAULT_RETRY_DELAY),
        new CaffeineQrCodeStore(runtime, CaffeineQrCodeStore.DEFAULT_MAXIMUM_SIZE), null);
  }

  @Override
  public void close() {
    gateway.close();
    if (redis != null) {
      redis.close();
    }
  }
}
