package io.github.wechatqr.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.github.wechatqr.domain.AppId;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.port.AccountScoped;
import io.github.wechatqr.domain.port.QrImageStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link QrImageStore} in Caffeine, bounded by the images' total bytes. An image is kept until the
 * deadline {@code QrCodeService} hands over (the earlier of its code's expiry and the {@code max-age} the
 * server sent), judged by the runtime's clock, and never served past it; an image without a deadline stays
 * until evicted by size, as does any image when the bytes run out.
 *
 * <p><b>Several accounts.</b> {@link #forAccount(AppId)} gives an account's view: one byte budget for
 * all, the account in every key, so two accounts never see each other's images, even for the same ticket.
 * The store itself is no account's view. {@code WeChatQrCodes.builder().images(..)} takes the view of its
 * own appid.
 *
 * <pre>{@code
 * QrImageStore images = new CaffeineImageStore(CacheRuntime.of(clock), 64L << 20); // at most 64 MiB
 * QrCodeService qrcodes = new QrCodeService(gateway, store, clock, ReusePolicy.halfLifetimeLeft(), images,
 *     CreationLock.local());
 * }</pre>
 */
public final class CaffeineImageStore implements QrImageStore, AccountScoped<QrImageStore> {
  /** The byte bound of {@link #CaffeineImageStore(Clock)}: 32 MiB. */
  public static final long DEFAULT_MAXIMUM_BYTES = 32L << 20;

  private final Cache<Key, Kept> images;
  /** The account of this view; {@code null} for the store's own images, no account's. */
  private final @Nullable AppId account;

  /**
   * Makes a store with {@link CacheRuntime#of(Clock)} and {@link #DEFAULT_MAXIMUM_BYTES}.
   *
   * @param clock the only source of time
   */
  public CaffeineImageStore(Clock clock) {
    this(CacheRuntime.of(clock), DEFAULT_MAXIMUM_BYTES);
  }

  /**
   * Makes a store on a runtime with a byte bound.
   *
   * @param runtime clock, executor and scheduler
   * @param maximumBytes the most image bytes kept at once; 0 keeps nothing
   * @throws IllegalArgumentException if {@code maximumBytes} is negative
   */
  public CaffeineImageStore(CacheRuntime runtime, long maximumBytes) {
    if (maximumBytes < 0) {
      throw new IllegalArgumentException("maximumBytes must not be negative, was " + maximumBytes);
    }
    this.images = runtime.caffeine()
        .maximumWeight(maximumBytes)
        .weigher((Key key, Kept kept) -> kept.image().size())
        .expireAfter(new UntilDeadline<Key, Kept>(
            kept -> kept.until() == null ? Long.MAX_VALUE : CacheRuntime.nanos(kept.until())))
        .recordStats()
        .build();
    this.account = null;
  }

  private CaffeineImageStore(CaffeineImageStore shared, AppId account) {
    this.images = shared.images;
    this.account = account;
  }

  /**
   * Returns the view of one account: the same cache and byte budget, the account in every key.
   *
   * @param account the account
   * @return the account's view; views of equal accounts share their images
   */
  @Override
  public CaffeineImageStore forAccount(AppId account) {
    return new CaffeineImageStore(this, Objects.requireNonNull(account, "account"));
  }

  @Override
  public Optional<QrImage> find(Ticket ticket) {
    Kept kept = images.getIfPresent(new Key(account, ticket));
    return kept == null ? Optional.empty() : Optional.of(kept.image());
  }

  @Override
  public void keep(Ticket ticket, QrImage image, @Nullable Instant until) {
    images.put(new Key(account, Objects.requireNonNull(ticket, "ticket")), new Kept(image, until));
  }

  /**
   * Returns the statistics of the cache every account's view shares.
   *
   * @return hits, misses and evictions (with their bytes)
   */
  public CacheStats stats() {
    return images.stats();
  }

  /** Runs pending maintenance now: removes stale images and enforces the byte bound. */
  public void cleanUp() {
    images.cleanUp();
  }

  long weightedSize() {
    return images.policy().eviction().orElseThrow().weightedSize().orElseThrow();
  }

  Cache<?, ?> cache() {
    return images;
  }

  /** A ticket of an account ({@code null}: the store's own), the cache key. */
  private record Key(@Nullable AppId account, Ticket ticket) {}

  /** An image and the instant it goes stale; {@code null} when no time bound applies. */
  private record Kept(QrImage image, @Nullable Instant until) {}
}
