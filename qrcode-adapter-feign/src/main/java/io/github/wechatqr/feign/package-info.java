/**
 * The production {@link io.github.wechatqr.domain.port.QrCodeGateway}: WeChat over OpenFeign and the JDK
 * HTTP client. Entry point: {@link io.github.wechatqr.feign.FeignQrCodeGateway#builder()}. Everything else
 * here is package-private: client wiring ({@code FeignWiring}, {@code BoundedHttp2Client},
 * {@code CredentialsClient}), error mapping ({@code Failures}, {@code WeChatErrors}, {@code ImageAnswer}),
 * retries ({@code RetryPolicy}), the token lifecycle ({@code TokenFetcher}, {@code TokenedCalls},
 * {@code LocalAccessTokenStore}) and metrics ({@code MicrometerMetrics}).
 */
package io.github.wechatqr.feign;
