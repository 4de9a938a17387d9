package io.github.wechatqr.redis;

import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.AppId;
import io.github.wechatqr.domain.port.AccountScoped;
import io.github.wechatqr.domain.port.CreationLock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One account's creation lock, shared by every instance that points at the same Redis, prefix and appid:
 * a lease per request ({@code {prefix}:{appid}:lock:req:...}) so the whole cluster makes one create call
 * per request. A waiter polls with a bounded back-off and runs its creation once it gets the lease; the
 * creation re-checks the code store first and finds the code the previous holder saved.
 * <ul>
 *   <li>The lease is {@code SET key owner NX PX lockTtl} with a random owner per attempt, released by
 *       compare-and-delete: a holder that crashed blocks the others for at most {@code lockTtl}.</li>
 *   <li>A lock key found without an expiry, or with more than {@code lockTtl} left, was not set by a holder
 *       with these settings: it is stale and taken over at once (logged at WARN), instead of blocking every
 *       creation of that request forever. Every instance must therefore use the same {@code lockTtl}.</li>
 *   <li>A caller that finds the lease held for longer than {@code lockWait}, or Redis unreachable, gets
 *       {@link io.github.wechatqr.domain.UpstreamUnavailable}, and its creation does not run.</li>
 * </ul>
 *
 * <pre>{@code
 * QrCodeService qrcodes = new QrCodeService(gateway, redis.qrCodeStore(appId, clock), clock,
 *     ReusePolicy.halfLifetimeLeft(), images, redis.creationLock(appId));
 * }</pre>
 */
public final class RedisCreationLock implements CreationLock, AccountScoped<CreationLock> {
  private final RedisKeys keys;
  private final DistributedLock lock;

  RedisCreationLock(RedisOps redis, RedisKeys keys, RedisStoreSettings settings, Runnable onBusy) {
    this(keys, new DistributedLock(redis, settings.lockTtl(), settings.lockWait(), onBusy));
  }

  private RedisCreationLock(RedisKeys keys, DistributedLock lock) {
    this.keys = keys;
    this.lock = lock;
  }

  /**
   * Returns the creation lock of another account on the same Redis, prefix and settings: its keys start with
   * {@code {prefix}:{account}:}, so two accounts creating the same scene never wait for each other.
   *
   * @param account the account
   * @return the account's creation lock
   */
  @Override
  public RedisCreationLock forAccount(AppId account) {
    return new RedisCreationLock(keys.forAppId(account.value()), lock);
  }

  @Override
  public <T> T whileCreating(QrCodeRequest request, Supplier<T> creation) {
    return lock.run(keys.requestLock(request), "creating the code for " + keys.request(request), lock.deadline(),
        owner -> creation.get(), Optional::empty);
  }
}
