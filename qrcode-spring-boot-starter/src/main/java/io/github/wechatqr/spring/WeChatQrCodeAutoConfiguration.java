package io.github.wechatqr.spring;

import io.github.wechatqr.cache.CacheRuntime;
import io.github.wechatqr.cache.CaffeineImageStore;
import io.github.wechatqr.client.QrCodeServices;
import io.github.wechatqr.domain.port.CreationLock;
import io.github.wechatqr.domain.port.QrCodeGateway;
import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.port.QrImageStore;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.domain.service.ReusePolicy;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.events.MessageListener;
import io.github.wechatqr.events.ScanListener;
import io.github.wechatqr.events.WeChatCallbackHandler;
import io.github.wechatqr.feign.FeignQrCodeGateway;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;

/**
 * Wires the domain and the adapters from {@code wechat.qrcode.*}: a {@link Clock}, the stores
 * ({@code caffeine} by default, {@code redis} on request), the {@link FeignQrCodeGateway} as the
 * {@link QrCodeGateway}, the {@link QrCodeService} and, once {@code wechat.qrcode.callback.token} is set,
 * the {@link WeChatCallbackHandler} that hands scans to every {@link ScanListener} bean. Every bean backs
 * off when the application defines one of the same type, so any port can be replaced; the token store is
 * an {@link AccessTokenStore.Factory} bean, which the gateway hands its fetcher once. A {@link ReusePolicy}
 * bean, if present, replaces {@code wechat.qrcode.reuse.*}. {@code wechat.qrcode.enabled=false} turns the
 * starter off. {@link QrCodeServices} finds the service by the account's name ({@code default}).
 *
 * <p>With {@code wechat.qrcode.accounts.<name>.*}, {@link SeveralAccountsConfiguration} makes each account's
 * gateway, stores, service and callback handler instead, and none of the per-port beans above exists.
 *
 * <pre>{@code
 * @Bean
 * ScanListener logins(LoginSessions sessions) {
 *   return scan -> {
 *     if (scan.scene() instanceof SceneValue.Str login) {
 *       sessions.confirm(login.value(), scan.event().openId());
 *     }
 *   };
 * }
 * }</pre>
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = WeChatQrCodeProperties.PREFIX, name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(WeChatQrCodeProperties.class)
@Import({CaffeineStoreConfiguration.class, RedisStoreConfiguration.class, RedisStoreConfiguration.AdapterMissing.class,
    SeveralAccountsConfiguration.class, MetricsConfiguration.class})
public class WeChatQrCodeAutoConfiguration {

  /** What this class made, to tell it from the application's beans of the same types. */
  private volatile @Nullable QrCodeGateway madeGateway;
  private volatile @Nullable QrCodeService madeService;

  /** Used by Spring. */
  public WeChatQrCodeAutoConfiguration() {}

  /** Returns the system clock in UTC, unless the application has a {@link Clock} bean, which every part then uses. */
  @Bean
  @ConditionalOnMissingBean
  public Clock wechatQrCodeClock() {
    return Clock.systemUTC();
  }

  /**
   * Makes the caches' runtime on the application's clock.
   *
   * @param clock the clock
   * @return the caches' clock, executor (the common pool) and scheduler
   */
  @Bean
  @ConditionalOnMissingBean
  public CacheRuntime wechatQrCodeCacheRuntime(Clock clock) {
    return CacheRuntime.of(clock);
  }

  /**
   * Makes the state the health indicator reads: the token's expiry and refresh outcomes.
   *
   * @param clock the clock
   * @return the token's expiry and refresh outcomes, for the health indicator
   */
  @Bean
  @ConditionalOnMissingBean
  @Conditional(AccountsCondition.One.class)
  public AccessTokenState wechatQrCodeAccessTokenState(Clock clock) {
    return new AccessTokenState(clock);
  }

  /**
   * Makes the gateway to WeChat from the properties, the token store and the customizers.
   *
   * @param properties the settings
   * @param clock the clock
   * @param tokens makes the store the access token is kept in
   * @param state observes that store: the token's expiry and refresh outcomes
   * @param customizers applied in order after the properties
   * @return the gateway to WeChat
   * @throws IllegalStateException if {@code wechat.qrcode.secret} is missing
   */
  @Bean
  @ConditionalOnMissingBean(QrCodeGateway.class)
  @Conditional(AccountsCondition.One.class)
  public FeignQrCodeGateway wechatQrCodeGateway(WeChatQrCodeProperties properties, Clock clock,
      AccessTokenStore.Factory tokens, AccessTokenState state, ObjectProvider<FeignQrCodeGatewayCustomizer> customizers) {
    FeignQrCodeGateway gateway = AccountWiring.gateway(AccountConfig.of(properties).get(0), properties, clock,
        state.observe(tokens), customizers);
    madeGateway = gateway;
    return gateway;
  }

  /**
   * Keeps downloaded images in memory, up to {@code wechat.qrcode.cache.max-image-size} bytes; {@code 0}
   * keeps none. Several accounts share it: an image is found by its ticket, which is one account's alone.
   *
   * @param runtime the caches' clock, executor and scheduler
   * @param properties the settings
   * @return the image store
   */
  @Bean
  @ConditionalOnMissingBean
  public QrImageStore wechatQrCodeImageStore(CacheRuntime runtime, WeChatQrCodeProperties properties) {
    long maxBytes = properties.getCache().getMaxImageSize().toBytes();
    return maxBytes == 0 ? QrImageStore.none() : new CaffeineImageStore(runtime, maxBytes);
  }

  /**
   * Makes the use case over the gateway, the stores and the creation lock.
   *
   * @param gateway the WeChat service
   * @param store where codes are kept
   * @param clock the clock
   * @param properties the settings
   * @param policies a {@link ReusePolicy} bean of the application, if any
   * @param images where downloaded images are kept
   * @param locks the {@link CreationLock} bean ({@code store=redis} makes one shared by the instances);
   *     without one, {@link CreationLock#local()}
   * @return the use case
   */
  @Bean
  @ConditionalOnMissingBean
  @Conditional(AccountsCondition.One.class)
  public QrCodeService wechatQrCodeService(QrCodeGateway gateway, QrCodeStore store, Clock clock,
      WeChatQrCodeProperties properties, ObjectProvider<ReusePolicy> policies, QrImageStore images,
      ObjectProvider<CreationLock> locks) {
    QrCodeService service = AccountWiring.service(gateway, store, clock, AccountWiring.reusePolicy(properties, policies),
        images, locks.getIfAvailable());
    madeService = service;
    return service;
  }

  /**
   * Makes the callback handler, which hands scans and other pushes to the application's listeners.
   *
   * @param properties the settings
   * @param clock the clock
   * @param qrcodes resolves the scene of a scan
   * @param scanListeners every scan goes to each of them
   * @param accountScanListeners every scan goes to each of them too, with the account's name ({@code default})
   * @param messageListeners every other push goes to each of them
   * @return the framework-neutral callback handler
   */
  @Bean
  @ConditionalOnMissingBean
  @Conditional({OnCallbackToken.class, AccountsCondition.One.class})
  public WeChatCallbackHandler wechatQrCodeCallbackHandler(WeChatQrCodeProperties properties, Clock clock,
      QrCodeService qrcodes, ObjectProvider<ScanListener> scanListeners,
      ObjectProvider<AccountScanListener> accountScanListeners, ObjectProvider<MessageListener> messageListeners) {
    return AccountWiring.callbackHandler(AccountConfig.of(properties).get(0), properties, clock, qrcodes,
        new ListenerFanOut(AccountConfig.DEFAULT, scanListeners, accountScanListeners, messageListeners));
  }

  /**
   * The one account of {@code app-id}, as the registry, the callback endpoint, the health contributor and the
   * metrics see it: made of the beans above, or of the application's own.
   *
   * @param properties the settings
   * @param services the {@code QrCodeService} bean, if there is exactly one
   * @param states the token's state
   * @param stores the code store, for the metrics
   * @param handlers the callback handler, if the endpoint is mounted
   * @return the one account, named {@code default}
   */
  @Bean
  @Conditional(AccountsCondition.One.class)
  StarterAccounts wechatQrCodeAccounts(WeChatQrCodeProperties properties, ObjectProvider<QrCodeService> services,
      ObjectProvider<AccessTokenState> states,
      ObjectProvider<QrCodeStore> stores, ObjectProvider<WeChatCallbackHandler> handlers) {
    QrCodeService service = services.getIfUnique(); // makes the starter's, if it makes one, and the gateway it uses
    boolean ownService = madeService != null; // the starter makes one only when the application has none
    // Only the gateway made here reports into the state; an application's own service may use it or not.
    Optional<AccessTokenState> tokens = Optional.ofNullable(madeGateway).map(made -> states.getObject());
    return new StarterAccounts(List.of(new StarterAccounts.Account(AccountConfig.DEFAULT, properties.getAppId(),
        properties.getAppId(), properties.getTokenMode(), service, ownService, tokens, stores.getIfUnique(),
        handlers.getIfUnique(), properties.getCallback().getPath())), false, List.of());
  }

  /**
   * The registry of the accounts' services by name: {@code default} for the one account of {@code app-id}, or
   * each of {@code accounts.*}. A {@link QrCodeServices} bean of the application replaces it; with several
   * {@code QrCodeService} beans of the application and no {@code accounts}, there is none.
   *
   * @param accounts the accounts
   * @return the registry; it owns nothing (the parts are beans, or the accounts' own)
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnSingleCandidate(QrCodeService.class)
  @Conditional(AccountsCondition.One.class)
  public QrCodeServices wechatQrCodeServices(StarterAccounts accounts) {
    return registry(accounts);
  }

  /** @return a registry of the accounts' services, owning none of them */
  static QrCodeServices registry(StarterAccounts accounts) {
    QrCodeServices.Builder registry = QrCodeServices.builder();
    accounts.all().forEach(account -> registry.service(account.name(), account.service()));
    return registry.build();
  }
}
