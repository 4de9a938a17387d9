/**
 * Spring Boot auto-configuration of wechat-qrcode: {@link io.github.wechatqr.spring.WeChatQrCodeProperties}
 * ({@code wechat.qrcode.*}), {@link io.github.wechatqr.spring.WeChatQrCodeAutoConfiguration} (domain and
 * adapters), {@link io.github.wechatqr.spring.WeChatQrCodeWebAutoConfiguration} (the callback endpoint on
 * Spring MVC), {@link io.github.wechatqr.spring.WeChatQrCodeActuatorAutoConfiguration} (masked secrets) and
 * the health contributor's, one per Spring Boot line:
 * {@link io.github.wechatqr.spring.WeChatQrCodeBoot4HealthAutoConfiguration} and
 * {@link io.github.wechatqr.spring.WeChatQrCodeBoot3HealthAutoConfiguration}. Neither the domain nor any
 * adapter knows Spring; only this package does.
 */
package io.github.wechatqr.spring;
