package io.github.wechatqr.cache;

import com.github.benmanes.caffeine.cache.Expiry;
import java.util.function.ToLongFunction;

/**
 * Expires each entry at a deadline its value carries, in epoch nanoseconds on the runtime's ticker;
 * {@link Long#MAX_VALUE} means never by time (Caffeine caps it at about 150 years). A write sets the
 * deadline anew; a read leaves it.
 */
final class UntilDeadline<K, V> implements Expiry<K, V> {
  private final ToLongFunction<V> deadline;

  UntilDeadline(ToLongFunction<V> deadline) {
    this.deadline = deadline;
  }

  @Override
  public long expireAfterCreate(K key, V value, long now) {
    return CacheRuntime.nanosUntil(deadline.applyAsLong(value), now);
  }

  @Override
  public long expireAfterUpdate(K key, V value, long now, long currentDuration) {
    return expireAfterCreate(key, value, now);
  }

  @Override
  public long expireAfterRead(K key, V value, long now, long currentDuration) {
    return currentDuration;
  }
}
