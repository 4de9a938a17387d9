package io.github.wechatqr.spring;

import io.github.wechatqr.cache.CacheMetrics;
import io.github.wechatqr.cache.CaffeineAccessTokenStore;
import io.github.wechatqr.cache.CaffeineImageStore;
import io.github.wechatqr.cache.CaffeineQrCodeStore;
import io.github.wechatqr.domain.port.QrImageStore;
import io.github.wechatqr.events.WeChatCallbackHandler;
import io.github.wechatqr.feign.FeignQrCodeGatewayBuilder;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Metrics through the application's {@link MeterRegistry}, when Micrometer is on the class path: the
 * gateway's call timers, retries and token refreshes, the Caffeine caches' statistics and the callback refusals,
 * tagged {@code account}: the account's name for each of several accounts; for the one account of
 * {@code app-id}, the appid on the caches and the refusals, and no tag on the gateway's meters. Spring Boot's
 * actuator binds the {@link MeterBinder} to every registry, once every singleton
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
    return new GatewayMetrics(registries);
  }

  /**
   * Hands the gateway the application's registry: as it is for the one account of {@code app-id}; for each
   * of several accounts through a registry of its own that adds {@code account=<name>} to every meter and
   * passes it on, because the Feign adapter's meters name no account.
   */
  static final class GatewayMetrics implements AccountWiring.PerAccount {
    private final ObjectProvider<MeterRegistry> registries;

    GatewayMetrics(ObjectProvider<MeterRegistry> registries) {
      this.registries = registries;
    }

    @Override
    public void customize(FeignQrCodeGatewayBuilder builder) {
      MeterRegistry registry = registries.getIfUnique();
      if (registry != null) {
        builder.meterRegistry(registry);
      }
    }

    @Override
    public void customize(String account, FeignQrCodeGatewayBuilder builder) {
      MeterRegistry registry = registries.getIfUnique();
      if (registry != null) {
        CompositeMeterRegistry tagged = new CompositeMeterRegistry(registry.config().clock());
        tagged.config().commonTags("account", account);
        builder.meterRegistry(tagged.add(registry));
      }
    }
  }

  /**
   * Each callback handler's refusals after a valid signature as {@code wechat.qrcode.callback.refusals}
   * ({@code kind} = {@code after_signature}, or {@code repeated} for those from a signed URL already refused):
   * a steady count from one URL is someone holding the Token and probing safe mode.
   */
  @Bean
  @ConditionalOnMissingBean(name = "wechatQrCodeCallbackMetrics")
  MeterBinder wechatQrCodeCallbackMetrics(ObjectProvider<StarterAccounts> accounts) {
    return registry -> each(accounts, account -> {
      WeChatCallbackHandler handler = account.callback();
      if (handler != null) {
        Tag tag = Tag.of("account", account.metricTag());
        FunctionCounter.builder(CALLBACK_REFUSALS, handler, WeChatCallbackHandler::refusalsAfterSignature)
            .tags(Tags.of(tag).and("kind", "after_signature"))
            .description("Pushes refused after their signature passed (all answered alike)").register(registry);
        FunctionCounter.builder(CALLBACK_REFUSALS, handler, WeChatCallbackHandler::repeatedRefusals)
            .tags(Tags.of(tag).and("kind", "repeated"))
            .description("Refusals from a signed URL refused before").register(registry);
      }
    });
  }

  /**
   * The Caffeine caches' statistics: each account's code and token store, tagged with the account, and the
   * image store (one for all the accounts; tagged with the account when there is one).
   */
  @Bean
  @ConditionalOnMissingBean(name = "wechatQrCodeCacheMetrics")
  MeterBinder wechatQrCodeCacheMetrics(ObjectProvider<StarterAccounts> accounts, ObjectProvider<QrImageStore> images) {
    return registry -> {
      List<StarterAccounts.Account> all = new ArrayList<>();
      each(accounts, account -> {
        all.add(account);
        Tag tag = Tag.of("account", account.metricTag());
        if (account.store() instanceof CaffeineQrCodeStore store) {
          CacheMetrics.of(store, tag).bindTo(registry);
        }
        if (account.tokens().flatMap(AccessTokenState::store).orElse(null) instanceof CaffeineAccessTokenStore store) {
          CacheMetrics.of(store, tag).bindTo(registry);
        }
      });
      if (images.getIfUnique() instanceof CaffeineImageStore store) {
        Tag[] tags = all.size() == 1 ? new Tag[] {Tag.of("account", all.get(0).metricTag())} : new Tag[0];
        CacheMetrics.of(store, tags).bindTo(registry);
      }
    };
  }

  /** Looked up when the registry binds, once every singleton exists: the gateways have made their token stores. */
  private static void each(ObjectProvider<StarterAccounts> accounts, Consumer<StarterAccounts.Account> action) {
    accounts.getObject().all().forEach(action);
  }
}
