/**
 * Receives WeChat callback pushes: {@link io.github.wechatqr.events.WeChatCallbackHandler} checks
 * signatures, timestamps and safe-mode encryption, parses the XML with a hardened parser, de-duplicates
 * WeChat's retries and hands each QR scan, resolved through {@code QrCodeService}, to a
 * {@link io.github.wechatqr.events.ScanListener}. {@link io.github.wechatqr.events.CallbackServer} serves it
 * on the open internet (embedded Jetty, with per-request deadlines and bounds);
 * {@link io.github.wechatqr.events.JdkHttpCallback} from a JDK HTTP server of one's own.
 *
 * <p>Null-marked: no parameter, return value or field here is null unless its type says {@code @Nullable}.
 */
@NullMarked
package io.github.wechatqr.events;

import org.jspecify.annotations.NullMarked;
