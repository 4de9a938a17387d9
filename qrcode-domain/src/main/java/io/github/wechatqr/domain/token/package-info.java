/**
 * The access-token subsystem: an SPI between the gateway (which fetches tokens) and the stores (which
 * keep them, in this process, in Caffeine or in Redis). The use case never sees it.
 *
 * <p>A store is made once around its {@link io.github.wechatqr.domain.token.AccessTokenFetcher}
 * ({@link io.github.wechatqr.domain.token.AccessTokenStore.Factory}); {@link
 * io.github.wechatqr.domain.token.TokenKeeper} holds every rule a store keeps (single flight, refresh
 * ahead off the caller's thread, a retry delay after a failed refresh, remembered refusals, a forced
 * fetch after a rejection), and each store only says where the token lives
 * ({@link io.github.wechatqr.domain.token.TokenSlot}).
 */
package io.github.wechatqr.domain.token;
