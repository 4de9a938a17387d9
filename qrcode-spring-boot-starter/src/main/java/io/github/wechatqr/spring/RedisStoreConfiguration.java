package io.github.wechatqr.spring;

import io.github.wechatqr.domain.port.CreationLock;
import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.redis.RedisAccessTokenStore;
import io.github.wechatqr.redis.RedisCreationLock;
import io.github.wechatqr.redis.RedisQrCodeStore;
import io.github.wechatqr.redis.RedisStoreSettings;
import io.github.wechatqr.redis.RedisStores;
import io.github.wechatqr.spring.WeChatQrCodeProperties.RedisSettings;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The stores shared through Redis: {@code wechat.qrcode.store=redis}, with qrcode-adapter-redis on the class
 * path. The connection comes from {@code wechat.qrcode.redis.uri}, else from the application's
 * {@code StatefulRedisConnection<String, String>} bean, else from its {@link RedisClient} bean; a
 * {@link RedisStores} bean of the application wins over all three.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = {RedisStoreConfiguration.REDIS_STORES, "io.lettuce.core.RedisClient"})
@ConditionalOnProperty(prefix = WeChatQrCodeProperties.PREFIX, name = "store", havingValue = "redis")
class RedisStoreConfiguration {
  static final String REDIS_STORES = "io.github.wechatqr.redis.RedisStores";

  @Bean
  @ConditionalOnMissingBean
  RedisStores wechatQrCodeRedisStores(WeChatQrCodeProperties properties,
      ObjectProvider<StatefulRedisConnection<String, String>> connections, ObjectProvider<RedisClient> clients) {
    RedisSettings redis = properties.getRedis();
    RedisStoreSettings settings = RedisStoreSettings.defaults()
        .withKeyPrefix(redis.getKeyPrefix())
        .withCommandTimeout(redis.getCommandTimeout())
        .withLockTtl(redis.getLockTtl())
        .withLockWait(redis.getLockWait());
    if (redis.getUri() != null) {
      return RedisStores.connect(redis.getUri(), settings);
    }
    StatefulRedisConnection<String, String> connection = connections.getIfUnique();
    if (connection != null) {
      return RedisStores.using(connection, settings);
    }
    RedisClient client = clients.getIfUnique();
    if (client != null) {
      return RedisStores.using(client, settings);
    }
    throw new IllegalStateException(WeChatQrCodeProperties.PREFIX + ".store=redis needs "
        + WeChatQrCodeProperties.PREFIX + ".redis.uri, or a RedisClient or StatefulRedisConnection<String, String> bean");
  }

  @Bean
  @ConditionalOnMissingBean(QrCodeStore.class)
  RedisQrCodeStore wechatQrCodeStore(RedisStores redis, WeChatQrCodeProperties properties, Clock clock) {
    return redis.qrCodeStore(properties.getAppId(), clock);
  }

  /** One create call per request for all the instances sharing the Redis. */
  @Bean
  @ConditionalOnMissingBean(CreationLock.class)
  RedisCreationLock wechatQrCodeCreationLock(RedisStores redis, WeChatQrCodeProperties properties) {
    return redis.creationLock(properties.getAppId());
  }

  /**
   * Makes {@link RedisAccessTokenStore}s: one token per account shared by every instance, {@code token.*}
   * timing, background refreshes each on a daemon thread of its own.
   */
  @Bean
  @ConditionalOnMissingBean(AccessTokenStore.Factory.class)
  AccessTokenStore.Factory wechatQrCodeTokenStore(RedisStores redis, WeChatQrCodeProperties properties, Clock clock) {
    return redis.tokenStore(properties.getAppId(), clock, properties.getToken().toPolicy());
  }

  /** {@code store=redis} without the adapter: fail with the fix instead of "no QrCodeStore bean". */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingClass(REDIS_STORES)
  @ConditionalOnProperty(prefix = WeChatQrCodeProperties.PREFIX, name = "store", havingValue = "redis")
  static class AdapterMissing {

    @Bean
    @ConditionalOnMissingBean(QrCodeStore.class)
    QrCodeStore wechatQrCodeStore() {
      throw missing();
    }

    @Bean
    @ConditionalOnMissingBean(AccessTokenStore.Factory.class)
    AccessTokenStore.Factory wechatQrCodeTokenStore() {
      throw missing();
    }

    private static IllegalStateException missing() {
      return new IllegalStateException(WeChatQrCodeProperties.PREFIX + ".store=redis needs the module"
          + " io.github.wechatqr:qrcode-adapter-redis on the class path");
    }
  }
}
