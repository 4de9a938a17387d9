package io.github.wechatqr.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.github.wechatqr.domain.IssuedTicket;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.port.QrCodeGateway;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * A {@link QrCodeGateway} decorator that keeps downloaded images, bounded by their total bytes. An image
 * is kept until the earlier of its code's expiry and the {@code max-age} the server sent, and never past
 * either; an image of a permanent code without {@code max-age} stays until evicted by size.
 * {@link #download(QrCode)} fills the cache; {@link #download(Ticket)} is served from it when the image
 * is there and otherwise goes to the delegate without keeping the result, since a bare ticket does not
 * say how long its code lives. {@link #issue} always goes to the delegate. Two callers missing the same
 * image at once may both download it: the call is idempotent and costs no quota.
 *
 * <pre>{@code
 * QrCodeGateway gateway = new CaffeineImageCache(httpGateway, CacheRuntime.of(clock), 64L << 20);
 * QrCodeService qrcodes = new QrCodeService(gateway, store, clock);
 * }</pre>
 */
public final class CaffeineImageCache implements QrCodeGateway {
  /** The byte bound of {@link #CaffeineImageCache(QrCodeGateway, Clock)}: 32 MiB. */
  public static final long DEFAULT_MAXIMUM_BYTES = 32L << 20;

  private final QrCodeGateway delegate;
  private final Clock clock;
  private final Cache<Ticket, Kept> images;

  /**
   * With {@link CacheRuntime#of(Clock)} and {@link #DEFAULT_MAXIMUM_BYTES}.
   *
   * @param delegate the gateway that downloads
   * @param clock the only source of time
   */
  public CaffeineImageCache(QrCodeGateway delegate, Clock clock) {
    this(delegate, CacheRuntime.of(clock), DEFAULT_MAXIMUM_BYTES);
  }

  /**
   * @param delegate the gateway that downloads
   * @param runtime clock, executor and scheduler
   * @param maximumBytes the most image bytes kept at once
   */
  public CaffeineImageCache(QrCodeGateway delegate, CacheRuntime runtime, long maximumBytes) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.clock = runtime.clock();
    if (maximumBytes < 0) {
      throw new IllegalArgumentException("maximumBytes must not be negative, was " + maximumBytes);
    }
    this.images = runtime.caffeine()
        .maximumWeight(maximumBytes)
        .weigher((Ticket ticket, Kept kept) -> kept.image().size())
        .expireAfter(new UntilDeadline<Ticket, Kept>(
            kept -> kept.until() == null ? Long.MAX_VALUE : CacheRuntime.nanos(kept.until())))
        .recordStats()
        .build();
  }

  @Override
  public IssuedTicket issue(QrCodeRequest request) {
    return delegate.issue(request);
  }

  @Override
  public QrImage download(Ticket ticket) {
    Kept kept = images.getIfPresent(ticket);
    return kept != null ? kept.image() : delegate.download(ticket);
  }

  @Override
  public QrImage download(QrCode code) {
    Kept kept = images.getIfPresent(code.ticket());
    if (kept != null) {
      return kept.image();
    }
    Instant askedAt = clock.instant(); // max-age counts from the request: the conservative end
    QrImage image = delegate.download(code);
    Instant until = code.expiresAt();
    if (image.maxAge() != null) {
      Instant byAge = askedAt.plus(image.maxAge());
      until = until == null || byAge.isBefore(until) ? byAge : until;
    }
    images.put(code.ticket(), new Kept(image, until));
    return image;
  }

  /** @return hits, misses and evictions (with their bytes) */
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

  /** An image and the instant it goes stale; {@code null} when no bound applies. */
  private record Kept(QrImage image, Instant until) {}
}
