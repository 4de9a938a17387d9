package io.github.wechatqr.spring;

import io.github.wechatqr.feign.FeignQrCodeGatewayBuilder;

/**
 * Adjusts the gateway builder after the properties were applied and before the gateway is built. Every
 * bean of this type is applied, in {@link org.springframework.core.annotation.Order} order. The starter
 * passes the application's {@code MeterRegistry} this way. The token store is already set (the
 * {@code AccessTokenStore.Factory} bean, observed); token timing comes from {@code wechat.qrcode.token.*},
 * so calling {@code tokenPolicy} here makes the build fail (a policy belongs to the store's factory).
 *
 * <pre>{@code
 * @Bean
 * FeignQrCodeGatewayCustomizer slowNetwork() {
 *   return builder -> builder.readTimeout(Duration.ofSeconds(15));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface FeignQrCodeGatewayCustomizer {

  /**
   * Adjusts the gateway builder after the properties are applied.
   *
   * @param builder the builder, with the properties already applied
   */
  void customize(FeignQrCodeGatewayBuilder builder);
}
