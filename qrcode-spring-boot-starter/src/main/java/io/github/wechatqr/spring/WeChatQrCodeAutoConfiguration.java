package io.github.wechatqr.spring;

import io.github.wechatqr.cache.CacheRuntime;
import io.github.wechatqr.cache.CaffeineImageStore;
import io.github.wechatqr.client.WeChatQrCodes;
import io.github.wechatqr.client.WeChatQrCodesBuilder;
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
import io.github.wechatqr.feign.FeignQrCodeGatewayBuilder;
import io.github.wechatqr.spring.WeChatQrCodeProperties.CallbackSettings;
import io.github.wechatqr.spring.WeChatQrCodeProperties.RetrySettings;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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
 * starter off.
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
    MetricsConfiguration.class})
public class WeChatQrCodeAutoConfiguration {

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
  public FeignQrCodeGateway wechatQrCodeGateway(WeChatQrCodeProperties properties, Clock clock,
      AccessTokenStore.Factory tokens, AccessTokenState state, ObjectProvider<FeignQrCodeGatewayCustomizer> customizers) {
    if (properties.getSecret() == null) {
      throw new IllegalStateException(WeChatQrCodeProperties.PREFIX + ".secret is required: the AppSecret of the"
          + " Official Account (or define a QrCodeGateway bean of your own)");
    }
    RetrySettings retry = properties.getRetry();
    FeignQrCodeGatewayBuilder builder = FeignQrCodeGateway.builder()
        .appId(properties.getAppId())
        .secret(properties.getSecret())
        .tokenMode(properties.getTokenMode())
        .connectTimeout(properties.getConnectTimeout())
        .readTimeout(properties.getReadTimeout())
        .maxAttempts(retry.getMaxAttempts())
        .backoff(retry.getInitialBackoff(), retry.getMaxBackoff())
        .retryBudget(retry.getBudget())
        .clock(clock)
        .tokenStore(state.observe(tokens));
    if (properties.getApiBase() != null) {
      builder.apiBase(properties.getApiBase());
    }
    if (properties.getMpBase() != null) {
      builder.mpBase(properties.getMpBase());
    }
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  /**
   * Keeps downloaded images in memory, up to {@code wechat.qrcode.cache.max-image-size} bytes; {@code 0}
   * keeps none.
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
  public QrCodeService wechatQrCodeService(QrCodeGateway gateway, QrCodeStore store, Clock clock,
      WeChatQrCodeProperties properties, ObjectProvider<ReusePolicy> policies, QrImageStore images,
      ObjectProvider<CreationLock> locks) {
    ReusePolicy policy = policies.getIfAvailable(() -> switch (properties.getReuse().getPolicy()) {
      case HALF_LIFETIME -> ReusePolicy.halfLifetimeLeft();
      case AT_LEAST -> ReusePolicy.atLeast(properties.getReuse().getMinRemaining());
      case NEVER -> ReusePolicy.never();
    });
    // Assembled as WeChatQrCodes assembles it for plain Java, from this context's beans; it opens nothing
    // (every part is given), so there is nothing to close but the beans themselves.
    WeChatQrCodesBuilder assembly = WeChatQrCodes.builder().gateway(gateway).store(store).clock(clock)
        .reusePolicy(policy).images(images);
    locks.ifAvailable(assembly::creationLock);
    return assembly.build().service();
  }

  /**
   * Makes the callback handler, which hands scans and other pushes to the application's listeners.
   *
   * @param properties the settings
   * @param clock the clock
   * @param qrcodes resolves the scene of a scan
   * @param scanListeners every scan goes to each of them
   * @param messageListeners every other push goes to each of them
   * @return the framework-neutral callback handler
   */
  @Bean
  @ConditionalOnMissingBean
  @Conditional(OnCallbackToken.class)
  public WeChatCallbackHandler wechatQrCodeCallbackHandler(WeChatQrCodeProperties properties, Clock clock,
      QrCodeService qrcodes, ObjectProvider<ScanListener> scanListeners, ObjectProvider<MessageListener> messageListeners) {
    CallbackSettings callback = properties.getCallback();
    ListenerFanOut listeners = new ListenerFanOut(scanListeners, messageListeners);
    WeChatCallbackHandler.Builder builder = WeChatCallbackHandler.builder()
        .token(callback.getToken())
        .clock(clock)
        .resolver(qrcodes)
        .scanListener(listeners)
        .fallbackListener(listeners)
        .maxSkew(callback.getMaxSkew())
        .maxBodyBytes((int) callback.getMaxBodySize().toBytes())
        .dedup(callback.getDedupWindow(), callback.getDedupCapacity()); // no window: the handler uses twice max-skew
    if (callback.getMode() != CallbackSettings.Mode.PLAIN) {
      builder.encodingAesKey(callback.getEncodingAesKey(), properties.getAppId());
    }
    return builder.build();
  }
}
