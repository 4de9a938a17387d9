/**
 * Receives WeChat callback pushes: {@link io.github.wechatqr.events.WeChatCallbackHandler} checks
 * signatures, timestamps and safe-mode encryption, parses the XML with a hardened parser, de-duplicates
 * WeChat's retries and hands each QR scan, resolved through {@code QrCodeService}, to a
 * {@link io.github.wechatqr.events.ScanListener}. {@link io.github.wechatqr.events.JdkHttpCallback} and
 * {@link io.github.wechatqr.events.CallbackServer} serve it from the JDK's HTTP server.
 */
package io.github.wechatqr.events;
