/**
 * In-process adapters on Caffeine, the default single-instance wiring: {@link
 * io.github.wechatqr.cache.CaffeineQrCodeStore} (issued codes), {@link
 * io.github.wechatqr.cache.CaffeineAccessTokenStore} (the access token, refreshed ahead of its expiry) and
 * {@link io.github.wechatqr.cache.CaffeineImageStore} (downloaded images). All of them read time from the
 * {@link java.time.Clock} of a {@link io.github.wechatqr.cache.CacheRuntime}; {@link
 * io.github.wechatqr.cache.CacheMetrics} binds their statistics to Micrometer when it is on the class path.
 *
 * <p>Null-marked: no parameter, return value or field here is null unless its type says {@code @Nullable}.
 */
@NullMarked
package io.github.wechatqr.cache;

import org.jspecify.annotations.NullMarked;
