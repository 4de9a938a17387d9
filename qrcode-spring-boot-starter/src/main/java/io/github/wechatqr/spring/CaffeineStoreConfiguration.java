package io.github.wechatqr.spring;

import io.github.wechatqr.cache.CacheRuntime;
import io.github.wechatqr.cache.CaffeineAccessTokenStore;
import io.github.wechatqr.cache.CaffeineQrCodeStore;
import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.token.AccessTokenStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The in-process stores of the one account of {@code app-id}: {@code wechat.qrcode.store=caffeine}, the
 * default. With {@code accounts.*}, {@link SeveralAccountsConfiguration} makes each account's own.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(AccountsCondition.One.class)
@ConditionalOnProperty(prefix = WeChatQrCodeProperties.PREFIX, name = "store", havingValue = "caffeine",
    matchIfMissing = true)
class CaffeineStoreConfiguration {

  @Bean
  @ConditionalOnMissingBean(QrCodeStore.class)
  CaffeineQrCodeStore wechatQrCodeStore(CacheRuntime runtime, WeChatQrCodeProperties properties) {
    return new CaffeineQrCodeStore(runtime, properties.getCache().getMaxCodes());
  }

  /** Makes {@link CaffeineAccessTokenStore}s: refreshes ahead on the runtime's executor, {@code token.*} timing. */
  @Bean
  @ConditionalOnMissingBean(AccessTokenStore.Factory.class)
  AccessTokenStore.Factory wechatQrCodeTokenStore(CacheRuntime runtime, WeChatQrCodeProperties properties) {
    return CaffeineAccessTokenStore.factory(runtime, properties.getToken().toPolicy());
  }
}
