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
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.spring.WeChatQrCodeProperties.StoreType;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The stores shared through Redis: {@code wechat.qrcode.store=redis} (or {@code accounts.<name>.store=redis}),
 * with qrcode-adapter-redis on the class path. The connection comes from {@code wechat.qrcode.redis.uri}, else
 * from the application's {@code StatefulRedisConnection<String, String>} bean, else from its
 * {@link RedisClient} bean; a {@link RedisStores} bean of the application wins over all three. Several
 * accounts share the one connection; their keys differ by appid.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = {RedisStoreConfiguration.REDIS_STORES, "io.lettuce.core.RedisClient"})
@Conditional(RedisStoreConfiguration.RedisWanted.class)
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
  @OneAccountOnRedis
  @ConditionalOnMissingBean(QrCodeStore.class)
  RedisQrCodeStore wechatQrCodeStore(RedisStores redis, WeChatQrCodeProperties properties, Clock clock) {
    return redis.qrCodeStore(properties.getAppId(), clock);
  }

  /** One create call per request for all the instances sharing the Redis. */
  @Bean
  @OneAccountOnRedis
  @ConditionalOnMissingBean(CreationLock.class)
  RedisCreationLock wechatQrCodeCreationLock(RedisStores redis, WeChatQrCodeProperties properties) {
    return redis.creationLock(properties.getAppId());
  }

  /**
   * Makes {@link RedisAccessTokenStore}s: one token per account shared by every instance, {@code token.*}
   * timing, background refreshes each on a daemon thread of its own.
   */
  @Bean
  @OneAccountOnRedis
  @ConditionalOnMissingBean(AccessTokenStore.Factory.class)
  AccessTokenStore.Factory wechatQrCodeTokenStore(RedisStores redis, WeChatQrCodeProperties properties, Clock clock) {
    return redis.tokenStore(properties.getAppId(), clock, properties.getToken().toPolicy());
  }

  /** The one account of {@code app-id} with {@code store=redis}: its stores are beans of each port. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @Conditional(AccountsCondition.One.class)
  @ConditionalOnProperty(prefix = WeChatQrCodeProperties.PREFIX, name = "store", havingValue = "redis")
  @interface OneAccountOnRedis {}

  /** {@code store=redis}, or the store of one of {@code accounts.*}. */
  static final class RedisWanted extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
      Binder binder = Binder.get(context.getEnvironment());
      StoreType shared = binder.bind(WeChatQrCodeProperties.PREFIX + ".store", StoreType.class).orElse(null);
      boolean wanted = shared == StoreType.REDIS || binder.bind(AccountsCondition.ACCOUNTS,
              Bindable.mapOf(String.class, WeChatQrCodeProperties.Account.class)).orElse(Map.of()).values().stream()
          .anyMatch(account -> account.getStore() == StoreType.REDIS);
      return wanted ? ConditionOutcome.match("an account's store is redis") : ConditionOutcome.noMatch("no redis store");
    }
  }

  /** Several accounts, those whose store is redis: their stores on the one connection. */
  static final class ForAccount {
    private ForAccount() {}

    static SeveralAccountsConfiguration.Stores of(ListableBeanFactory beans, AccountConfig account, Clock clock, TokenPolicy policy) {
      RedisStores redis = beans.getBean(RedisStores.class);
      return new SeveralAccountsConfiguration.Stores(redis.tokenStore(account.appId(), clock, policy),
          redis.qrCodeStore(account.appId(), clock), redis.creationLock(account.appId()));
    }
  }

  /** {@code store=redis} without the adapter: fail with the fix instead of "no QrCodeStore bean". */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingClass(REDIS_STORES)
  @ConditionalOnProperty(prefix = WeChatQrCodeProperties.PREFIX, name = "store", havingValue = "redis")
  @Conditional(AccountsCondition.One.class)
  static class AdapterMissing {

    @Bean
    @ConditionalOnMissingBean(QrCodeStore.class)
    QrCodeStore wechatQrCodeStore() {
      throw missing(WeChatQrCodeProperties.PREFIX + ".store");
    }

    @Bean
    @ConditionalOnMissingBean(AccessTokenStore.Factory.class)
    AccessTokenStore.Factory wechatQrCodeTokenStore() {
      throw missing(WeChatQrCodeProperties.PREFIX + ".store");
    }

    /** @return the failure of {@code property=redis} without the adapter */
    static IllegalStateException missing(String property) {
      return new IllegalStateException(property + "=redis needs the module"
          + " io.github.wechatqr:qrcode-adapter-redis on the class path");
    }
  }
}
