package io.github.wechatqr.spring;

import io.github.wechatqr.client.WeChatQrCodes;
import io.github.wechatqr.client.WeChatQrCodesBuilder;
import io.github.wechatqr.domain.port.CreationLock;
import io.github.wechatqr.domain.port.QrCodeGateway;
import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.port.QrImageStore;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.domain.service.ReusePolicy;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.events.WeChatCallbackHandler;
import io.github.wechatqr.feign.FeignQrCodeGateway;
import io.github.wechatqr.feign.FeignQrCodeGatewayBuilder;
import io.github.wechatqr.spring.WeChatQrCodeProperties.CallbackSettings;
import io.github.wechatqr.spring.WeChatQrCodeProperties.RetrySettings;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

/**
 * How one account's parts are made, the same for the one account of {@code app-id} (as beans) and for each
 * of {@code accounts.*} (by {@link SeveralAccountsConfiguration}): the shared settings from the properties,
 * the account's own from its {@link AccountConfig}.
 */
final class AccountWiring {
  private AccountWiring() {}

  /** A customizer of the starter's own that adjusts each of several accounts' gateway by the account's name. */
  interface PerAccount extends FeignQrCodeGatewayCustomizer {
    void customize(String account, FeignQrCodeGatewayBuilder builder);
  }

  /**
   * @return the Feign gateway of the account, over the observed token store, after every customizer
   * @throws IllegalStateException naming the account's secret property, if it is missing
   */
  static FeignQrCodeGateway gateway(AccountConfig account, WeChatQrCodeProperties properties, Clock clock,
      AccessTokenStore.Factory observedTokens, ObjectProvider<FeignQrCodeGatewayCustomizer> customizers) {
    if (account.secret() == null) {
      throw new IllegalStateException(account.property("secret") + " is required: the AppSecret of the"
          + " Official Account (or define a " + (AccountConfig.DEFAULT.equals(account.name())
              ? "QrCodeGateway bean" : "QrCodeService bean named " + account.name()) + " of your own)");
    }
    RetrySettings retry = properties.getRetry();
    FeignQrCodeGatewayBuilder builder = FeignQrCodeGateway.builder()
        .appId(account.appId())
        .secret(account.secret())
        .tokenMode(account.tokenMode())
        .connectTimeout(properties.getConnectTimeout())
        .readTimeout(properties.getReadTimeout())
        .maxAttempts(retry.getMaxAttempts())
        .backoff(retry.getInitialBackoff(), retry.getMaxBackoff())
        .retryBudget(retry.getBudget())
        .clock(clock)
        .tokenStore(observedTokens);
    if (properties.getApiBase() != null) {
      builder.apiBase(properties.getApiBase());
    }
    if (properties.getMpBase() != null) {
      builder.mpBase(properties.getMpBase());
    }
    customizers.orderedStream().forEach(customizer -> {
      if (account.oneOfSeveral() && customizer instanceof PerAccount perAccount) {
        perAccount.customize(account.name(), builder);
      } else {
        customizer.customize(builder);
      }
    });
    return builder.build();
  }

  /** @return the reuse policy bean of the application, else the one of {@code reuse.*} */
  static ReusePolicy reusePolicy(WeChatQrCodeProperties properties, ObjectProvider<ReusePolicy> policies) {
    return policies.getIfAvailable(() -> switch (properties.getReuse().getPolicy()) {
      case HALF_LIFETIME -> ReusePolicy.halfLifetimeLeft();
      case AT_LEAST -> ReusePolicy.atLeast(properties.getReuse().getMinRemaining());
      case NEVER -> ReusePolicy.never();
    });
  }

  /**
   * @param lock the creation lock, or {@code null} for {@link CreationLock#local()}
   * @return the use case, assembled as WeChatQrCodes assembles it for plain Java; it opens nothing (every
   *     part is given), so there is nothing to close but the parts themselves
   */
  static QrCodeService service(QrCodeGateway gateway, QrCodeStore store, Clock clock, ReusePolicy policy,
      QrImageStore images, @Nullable CreationLock lock) {
    WeChatQrCodesBuilder assembly = WeChatQrCodes.builder().gateway(gateway).store(store).clock(clock)
        .reusePolicy(policy).images(images);
    if (lock != null) {
      assembly.creationLock(lock);
    }
    return assembly.build().service();
  }

  /** @return the account's callback handler; the limits are the shared {@code callback.*} ones */
  static WeChatCallbackHandler callbackHandler(AccountConfig account, WeChatQrCodeProperties properties, Clock clock,
      QrCodeService qrcodes, ListenerFanOut listeners) {
    CallbackSettings callback = properties.getCallback();
    WeChatCallbackHandler.Builder builder = WeChatCallbackHandler.builder()
        .token(account.callbackToken())
        .clock(clock)
        .resolver(qrcodes)
        .scanListener(listeners)
        .fallbackListener(listeners)
        .maxSkew(callback.getMaxSkew())
        .maxBodyBytes((int) callback.getMaxBodySize().toBytes())
        .dedup(callback.getDedupWindow(), callback.getDedupCapacity()); // no window: the handler uses twice max-skew
    if (account.mode() != CallbackSettings.Mode.PLAIN) {
      builder.encodingAesKey(account.encodingAesKey(), account.appId());
    }
    return builder.build();
  }
}
