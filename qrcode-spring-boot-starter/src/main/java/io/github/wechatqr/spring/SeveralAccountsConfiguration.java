package io.github.wechatqr.spring;

import io.github.wechatqr.cache.CacheRuntime;
import io.github.wechatqr.cache.CaffeineAccessTokenStore;
import io.github.wechatqr.cache.CaffeineQrCodeStore;
import io.github.wechatqr.client.QrCodeServices;
import io.github.wechatqr.domain.port.CreationLock;
import io.github.wechatqr.domain.port.QrCodeGateway;
import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.port.QrImageStore;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.domain.service.ReusePolicy;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.events.MessageListener;
import io.github.wechatqr.events.ScanListener;
import io.github.wechatqr.events.WeChatCallbackHandler;
import io.github.wechatqr.feign.FeignQrCodeGateway;
import io.github.wechatqr.spring.WeChatQrCodeProperties.StoreType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * Several accounts ({@code wechat.qrcode.accounts.<name>.*}): each gets its own gateway, token store, code
 * store, creation lock, service and (with a callback token) callback handler, made here rather than as beans,
 * so no part of one account can be injected into another by type. The clock, the caches' runtime, the image
 * store (found by ticket, which is one account's alone), the reuse policy, the gateway customizers and the
 * listeners are shared beans.
 *
 * <p>What the application may still replace: an account's {@link QrCodeService}, by a bean of that type named
 * like the account (the starter then makes no gateway or store for it), and the {@link QrCodeServices}
 * registry. A bean of one account's port ({@link QrCodeGateway}, {@link QrCodeStore},
 * {@link AccessTokenStore.Factory}, {@link CreationLock}, {@link WeChatCallbackHandler}) would serve every
 * account at once, so it fails the start, named.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(AccountsCondition.Several.class)
class SeveralAccountsConfiguration {
  private static final List<Class<?>> ONE_ACCOUNT_PORTS = List.of(QrCodeGateway.class, QrCodeStore.class,
      AccessTokenStore.Factory.class, CreationLock.class, WeChatCallbackHandler.class);

  /** The stores of one account. */
  record Stores(AccessTokenStore.Factory tokens, QrCodeStore codes, @Nullable CreationLock lock) {}

  @Bean
  StarterAccounts wechatQrCodeAccounts(WeChatQrCodeProperties properties, Clock clock, CacheRuntime runtime,
      QrImageStore images, ConfigurableListableBeanFactory beans, ObjectProvider<ReusePolicy> policies,
      ObjectProvider<FeignQrCodeGatewayCustomizer> customizers, ObjectProvider<ScanListener> scans,
      ObjectProvider<AccountScanListener> accountScans, ObjectProvider<MessageListener> messages) {
    refuseOneAccountPorts(beans);
    ReusePolicy policy = AccountWiring.reusePolicy(properties, policies);
    List<StarterAccounts.Account> accounts = new ArrayList<>();
    List<FeignQrCodeGateway> owned = new ArrayList<>();
    Map<String, QrCodeService> ownServices = beans.getBeansOfType(QrCodeService.class);
    try {
      for (AccountConfig account : AccountConfig.of(properties)) {
        QrCodeService service;
        Optional<AccessTokenState> tokens;
        QrCodeStore codes = null;
        service = ownServices.get(account.name()); // the application's own, by the account's name
        if (service != null) {
          tokens = Optional.empty();
        } else {
          Stores stores = stores(account, properties, clock, runtime, beans);
          AccessTokenState state = new AccessTokenState(clock);
          FeignQrCodeGateway gateway = AccountWiring.gateway(account, properties, clock, state.observe(stores.tokens()),
              customizers);
          owned.add(gateway);
          service = AccountWiring.service(gateway, stores.codes(), clock, policy, images, stores.lock());
          tokens = Optional.of(state);
          codes = stores.codes();
        }
        WeChatCallbackHandler callback = account.mounted() ? AccountWiring.callbackHandler(account, properties, clock,
            service, new ListenerFanOut(account.name(), scans, accountScans, messages)) : null;
        accounts.add(new StarterAccounts.Account(account.name(), account.name(), account.appId(), account.tokenMode(), service,
            tokens.isPresent(), tokens, codes, callback, account.callbackPath()));
      }
    } catch (RuntimeException e) {
      new StarterAccounts(List.of(), true, owned).close(); // the accounts made so far
      throw e;
    }
    return new StarterAccounts(accounts, true, owned);
  }

  /**
   * The registry of the accounts' services by name; a {@link QrCodeServices} bean of the application
   * replaces it (the callback endpoints and the health keep the starter's accounts).
   */
  @Bean
  @ConditionalOnMissingBean
  QrCodeServices wechatQrCodeServices(StarterAccounts accounts) {
    return WeChatQrCodeAutoConfiguration.registry(accounts);
  }

  private static void refuseOneAccountPorts(ConfigurableListableBeanFactory beans) {
    for (Class<?> port : ONE_ACCOUNT_PORTS) {
      String[] names = beans.getBeanNamesForType(port, true, false);
      if (names.length > 0) {
        throw new IllegalStateException(AccountsCondition.ACCOUNTS + " is set, so each account gets its own "
            + port.getSimpleName() + ", but the application defines " + String.join(", ", names) + ", which would"
            + " serve every account: remove it, or replace an account's QrCodeService with a bean named after the"
            + " account");
      }
    }
  }

  private static Stores stores(AccountConfig account, WeChatQrCodeProperties properties, Clock clock,
      CacheRuntime runtime, ConfigurableListableBeanFactory beans) {
    TokenPolicy policy = properties.getToken().toPolicy();
    if (account.store() == StoreType.REDIS) {
      if (!ClassUtils.isPresent(RedisStoreConfiguration.REDIS_STORES, beans.getBeanClassLoader())) {
        throw RedisStoreConfiguration.AdapterMissing.missing(account.property("store"));
      }
      return RedisStoreConfiguration.ForAccount.of(beans, account, clock, policy); // loaded only with the adapter
    }
    return new Stores(CaffeineAccessTokenStore.factory(runtime, policy),
        new CaffeineQrCodeStore(runtime, properties.getCache().getMaxCodes()), null);
  }
}
