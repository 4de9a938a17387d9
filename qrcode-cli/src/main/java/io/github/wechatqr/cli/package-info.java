/**
 * The {@code qrcode} command line: an offline demo on the embedded fake server, create/image/url/render/batch
 * against WeChat (or any {@code --api-base}/{@code --mp-base}), a standalone fake server, push decoding
 * ({@code event}) and the callback receiver ({@code callback}).
 * Entry point: {@link io.github.wechatqr.cli.QrCodeCli}.
 *
 * <p>Null-marked: no parameter, return value or field here is null unless its type says {@code @Nullable}.
 */
@NullMarked
package io.github.wechatqr.cli;

import org.jspecify.annotations.NullMarked;
