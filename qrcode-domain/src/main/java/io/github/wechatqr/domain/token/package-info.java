/**
 * The access-token subsystem: an SPI between adapters, not a port of the use case. The gateway adapter
 * (which fetches tokens) calls {@link io.github.wechatqr.domain.token.AccessTokenStore}, and store adapters
 * (which keep the token in this process, in Caffeine or in Redis) implement it; {@code QrCodeService} never
 * sees it, which is why it lives here and not in {@link io.github.wechatqr.domain.port}.
 *
 * <p>A store is made once around its {@link io.github.wechatqr.domain.token.AccessTokenFetcher}
 * ({@link io.github.wechatqr.domain.token.AccessTokenStore.Factory}); {@link
 * io.github.wechatqr.domain.token.TokenKeeper} holds every rule a store keeps (single flight, refresh
 * ahead off the caller's thread, a retry delay after a failed refresh, remembered refusals, a forced
 * fetch after a rejection), and each store only says where the token lives
 * ({@link io.github.wechatqr.domain.token.TokenSlot}).
 *
 * <p>Null-marked by convention: nothing here is null unless its javadoc says so (see
 * {@link io.github.wechatqr.domain}).
 */
package io.github.wechatqr.domain.token;
