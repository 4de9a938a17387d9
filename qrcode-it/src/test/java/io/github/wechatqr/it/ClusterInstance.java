package io.github.wechatqr.it;

import io.github.wechatqr.cache.CacheRuntime;
import io.github.wechatqr.cache.CaffeineAccessTokenStore;
import io.github.wechatqr.cache.CaffeineQrCodeStore;
import io.github.wechatqr.domain.port.CreationLock;
import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.port.QrImageStore;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.domain.service.ReusePolicy;
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
  static final TokenPolicy TOKENS = TokenPolicy.defaults();

  final QrCodeService service;
  private final FeignQrCodeGateway gateway;
  private final RedisStores redis;

  private ClusterInstance(FakeWeChatServer fake, Clock clock, AccessTokenStore.Factory tokens, QrCodeStore codes,
      CreationLock lock, RedisStores redis) {
    this.gateway = Gateways.against(fake, clock).tokenStore(tokens).build();
    this.service = new QrCodeService(gateway, codes, clock, ReusePolicy.halfLifetimeLeft(), QrImageStore.none(), lock);
    this.redis = redis;
  }

  /** An instance whose token, codes and creation lock live in Redis, over a Lettuce connection of its own. */
  static ClusterInstance sharingRedis(String redisUri, RedisStoreSettings settings, FakeWeChatServer fake,
      Clock clock) {
    RedisStores redis = RedisStores.connect(redisUri, settings);
    return new ClusterInstance(fake, clock, redis.tokenStore(fake.appId(), clock, TOKENS),
        redis.qrCodeStore(fake.appId(), clock), redis.creationLock(fake.appId()), redis);
  }

  /** An instance whose token and codes live in its own memory (Caffeine), shared with nobody. */
  static ClusterInstance inProcess(FakeWeChatServer fake, Clock clock) {
    CacheRuntime runtime = CacheRuntime.sameThread(clock);
    return new ClusterInstance(fake, clock,
        CaffeineAccessTokenStore.factory(runtime, TOKENS),
        new CaffeineQrCodeStore(runtime, CaffeineQrCodeStore.DEFAULT_MAXIMUM_SIZE), CreationLock.local(), null);
  }

  @Override
  public void close() {
    gateway.close();
    if (redis != null) {
      redis.close();
    }
  }
}
