/**
 * The production {@link io.github.wechatqr.domain.port.QrCodeGateway}: WeChat over OpenFeign and Apache
 * HttpClient 5 (classic, pooled). Entry point: {@link io.github.wechatqr.feign.FeignQrCodeGateway#builder()}.
 * Everything else here is package-private: client wiring ({@code FeignWiring}, {@code BaseUrlTarget},
 * {@code RedactingLogger}),
 * the transport ({@code HttpTransport}, {@code Hc5Client}, {@code ExchangeExecutor},
 * {@code DeadlineConnection}, {@code InMemoryBody}), error mapping ({@code Failures}, {@code WeChatErrors},
 * {@code ImageAnswer}, {@code Redaction}), retries ({@code RetryPolicy}), the token lifecycle
 * ({@code TokenFetcher}, {@code TokenedCalls}, {@code LocalAccessTokenStore}) and metrics
 * ({@code MicrometerMetrics}).
 *
 * <p>Null-marked: no parameter, return value or field here is null unless its type says {@code @Nullable}.
 */
@NullMarked
package io.github.wechatqr.feign;

import org.jspecify.annotations.NullMarked;
