/**
 * Spring Boot auto-configuration of wechat-qrcode: {@link io.github.wechatqr.spring.WeChatQrCodeProperties}
 * ({@code wechat.qrcode.*}), {@link io.github.wechatqr.spring.WeChatQrCodeAutoConfiguration} (domain and
 * adapters), {@link io.github.wechatqr.spring.WeChatQrCodeWebAutoConfiguration} (the callback endpoint on
 * Spring MVC), {@link io.github.wechatqr.spring.WeChatQrCodeActuatorAutoConfiguration} (masked secrets),
 * {@link io.github.wechatqr.spring.WeChatQrCodeProblemDetailsAutoConfiguration} (the library's exceptions as
 * RFC 9457 problem details) and the health contributor's, one per Spring Boot line:
 * {@link io.github.wechatqr.spring.WeChatQrCodeBoot4HealthAutoConfiguration} and
 * {@link io.github.wechatqr.spring.WeChatQrCodeBoot3HealthAutoConfiguration}. Neither the domain nor any
 * adapter knows Spring; only this package does.
 *
 * <p>Null-marked: no parameter, return value or field here is null unless its type says {@code @Nullable}.
 */
@NullMarked
package io.github.wechatqr.spring;

import org.jspecify.annotations.NullMarked;
