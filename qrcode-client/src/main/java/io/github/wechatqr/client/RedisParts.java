package io.github.wechatqr.client;

import io.github.wechatqr.domain.port.CreationLock;
import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.redis.RedisStores;
import java.time.Clock;

/**
 * The parts that come from Redis. A class of its own so that Lettuce and the Redis adapter (an optional
 * dependency) are loaded only when {@code redis(..)} was called.
 */
final class RedisParts {
  private RedisParts() {}

  static AccessTokenStore.Factory tokenStore(RedisStores redis, String appId, Clock clock, TokenPolicy policy) {
    return redis.tokenStore(appId, clock, policy);
  }

  static CreationLock creationLock(RedisStores redis, String appId) {
    return redis.creationLock(appId);
  }

  static QrCodeStore codeStore(RedisStores redis, String appId, Clock clock) {
    return redis.qrCodeStore(appId, clock);
  }
}
