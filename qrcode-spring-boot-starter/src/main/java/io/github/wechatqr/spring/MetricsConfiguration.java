package io.github.wechatqr.spring;

import io.github.wechatqr.cache.CacheMetrics;
import io.github.wechatqr.cache.CaffeineAccessTokenStore;
import io.github.wechatqr.cache.CaffeineImageStore;
import io.github.wechatqr.cache.CaffeineQrCodeStore;
import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.port.QrImageStore;
import io.github.wechatqr.events.WeChatCallbackHandler;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Metrics through the application's {@link MeterRegistry}, when Micrometer is on the class path: the
 * gateway's call timers, retries and token refreshes, and the Caffeine caches' statistics, tagged with the
 * account. Spring Boot's actuator binds the {@link MeterBinder} to every registry, once every singleton
 * exists: the gateway has made its token store by then, and {@link AccessTokenState#store()} has it (a
 * {@link CaffeineAccessTokenStore} when the token store is Caffeine, the starter's or the application's).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(MeterRegistry.class)
class MetricsConfiguration {
  static final String CALLBACK_REFUSALS = "wechat.qrcode.callback.refusals";

  @Bean
  @ConditionalOnMissingBean(name = "wechatQrCodeGatewayMetrics")
  FeignQrCodeGatewayCustomizer wechatQrCodeGatewayMetrics(ObjectProvider<MeterRegistry> registries) {
    return builder -> {
      MeterRegistry registry = registries.getIfUnique();
      if (registry != null) {
        builder.meterRegistry(registry);
      }
    };
  }

  /**
   * The callback handler's refusals after a valid signature as {@code wechat.qrcode.callback.refusals}
   * ({@code kind} = {@code after_signature}, or {@code repeated} for those from a signed URL already refused):
   * a steady count from one URL is someone holding the Token and probing safe mode.
   */
  @Bean
  @ConditionalOnMissingBean(name = "wechatQrCodeCallbackMetrics")
  MeterBinder wechatQrCodeCallbackMetrics(WeChatQrCodeProperties properties,
      ObjectProvider<WeChatCallbackHandler> handlers) {
    Tag account = Tag.of("account", properties.getAppId());
    return registry -> {
      WeChatCallbackHandler handler = handlers.getIfUnique();
      if (handler != null) {
        FunctionCounter.builder(CALLBACK_REFUSALS, handler, WeChatCallbackHandler::refusalsAfterSignature)
            .tags(Tags.of(account).and("kind", "after_signature"))
            .description("Pushes refused after their signature passed (all answered alike)").register(registry);
        FunctionCounter.builder(CALLBACK_REFUSALS, handler, WeChatCallbackHandler::repeatedRefusals)
            .tags(Tags.of(account).and("kind", "repeated"))
            .description("Refusals from a signed URL refused before").register(registry);
      }
    };
  }

  @Bean
  @ConditionalOnMissingBean(name = "wechatQrCodeCacheMetrics")
  MeterBinder wechatQrCodeCacheMetrics(WeChatQrCodeProperties properties, ObjectProvider<QrCodeStore> codes,
      AccessTokenState tokens, ObjectProvider<QrImageStore> images) {
    Tag account = Tag.of("account", properties.getAppId());
    return registry -> {
      if (codes.getIfUnique() instanceof CaffeineQrCodeStore store) {
        CacheMetrics.of(store, account).bindTo(registry);
      }
      if (tokens.store().orElse(null) instanceof CaffeineAccessTokenStore store) {
        CacheMetrics.of(store, account).bindTo(registry);
      }
      if (images.getIfUnique() instanceof CaffeineImageStore store) {
        CacheMetrics.of(store, account).bindTo(registry);
      }
    };
  }
}
