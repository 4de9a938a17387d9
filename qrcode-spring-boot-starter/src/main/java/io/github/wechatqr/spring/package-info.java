/**
 * Spring Boot auto-configuration of wechat-qrcode: {@link io.github.wechatqr.spring.WeChatQrCodeProperties}
 * ({@code wechat.qrcode.*}), {@link io.github.wechatqr.spring.WeChatQrCodeAutoConfiguration} (domain and
 * adapters), {@link io.github.wechatqr.spring.WeChatQrCodeWebAutoConfiguration} (the callback endpoint on
 * Spring MVC), {@link io.github.wechatqr.spring.WeChatQrCodeActuatorAutoConfiguration} (health, masked
 * secrets) and {@link io.github.wechatqr.spring.WeChatQrCodeProblemDetailsAutoConfiguration} (the library's
 * exceptions as RFC 9457 problem details). Neither the domain nor any adapter knows Spring; only this
 * package does.
 */
package io.github.wechatqr.spring;
