/**
 * Driven ports: what the use case needs from the outside world, each named by its intent.
 * {@link io.github.wechatqr.domain.port.QrCodeGateway} (the WeChat service),
 * {@link io.github.wechatqr.domain.port.QrCodeStore} (issued codes),
 * {@link io.github.wechatqr.domain.port.QrImageStore} (downloaded images),
 * {@link io.github.wechatqr.domain.port.CreationLock} (one creation per request across processes), and
 * {@link io.github.wechatqr.domain.port.PushLedger} (WeChat's retries recognised across processes; asked by
 * the callback handler of {@code qrcode-adapter-events}, not by the use case).
 * A store that serves several accounts implements
 * {@link io.github.wechatqr.domain.port.AccountScoped} and gives each account a view with the account in
 * every key: the ports carry no account, the views do.
 * Adapters implement them ({@code qrcode-adapter-feign}, {@code -cache}, {@code -redis}); the testkit's
 * contract kits prove them. The scan session store lives beside its use case, in
 * {@link io.github.wechatqr.domain.session}. The access-token store is not among them: the use case never
 * calls it (see
 * {@link io.github.wechatqr.domain.token}).
 *
 * <p>Null-marked by convention: nothing here is null unless its javadoc says so (see
 * {@link io.github.wechatqr.domain}).
 */
package io.github.wechatqr.domain.port;
