/**
 * The composition root for plain Java applications: {@link io.github.wechatqr.client.WeChatQrCodes} wires
 * the domain's {@code QrCodeService} with the Feign gateway and the Caffeine or Redis stores on one clock.
 * Not an adapter: the one library module that depends on several of them.
 *
 * <p>Null-marked: no parameter, return value or field here is null unless its type says {@code @Nullable}.
 */
@NullMarked
package io.github.wechatqr.client;

import org.jspecify.annotations.NullMarked;
