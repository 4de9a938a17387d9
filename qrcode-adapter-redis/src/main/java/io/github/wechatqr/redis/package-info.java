/**
 * Redis adapter (Lettuce): {@link io.github.wechatqr.redis.RedisQrCodeStore} and
 * {@link io.github.wechatqr.redis.RedisAccessTokenStore}, shared by every instance of a host application
 * so the cluster holds one access token and one set of codes per account and makes one upstream call per
 * token cycle and per scene; {@link io.github.wechatqr.redis.RedisScanSessionStore}, so a scan handled by
 * one instance completes a waiter on another; {@link io.github.wechatqr.redis.RedisPushLedger}, so WeChat's
 * retries are recognised on every instance. Start at {@link io.github.wechatqr.redis.RedisStores}.
 *
 * <p>Null-marked: no parameter, return value or field here is null unless its type says {@code @Nullable}.
 */
@NullMarked
package io.github.wechatqr.redis;

import org.jspecify.annotations.NullMarked;
