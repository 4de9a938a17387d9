package io.github.wechatqr.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.github.wechatqr.domain.AppId;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.port.AccountScoped;
import io.github.wechatqr.domain.port.QrCodeStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * A {@link QrCodeStore} in one Caffeine cache keyed by ticket, plus a request index that points at the
 * latest code saved for each request. Each code expires at its own {@code expiresAt} (permanent codes
 * never do by time); past {@code maximumSize} the least useful codes are evicted. A code replaced by a
 * newer one for the same request stays findable by its ticket until it expires, since a printed old code
 * may still be scanned. Expiry and eviction remove the index entry in the same atomic step, so the index
 * never points at a code the cache no longer holds.
 *
 * <p>Codes are kept packed, about 333 bytes each at 100,000 codes with both indexes included, against 538
 * for plain domain objects (see {@code docs/benchmarks.md}), and rebuilt as {@link QrCode} values on lookup.
 * The codes recently found by request stay decoded in a small bounded array ({@code RecentCodes}), so a hot
 * code is not unpacked on every hit.
 *
 * <p><b>Several accounts.</b> {@link #forAccount(AppId)} gives an account's view: the same cache, the same
 * size bound and the same statistics, with the account in every key (by ticket and by request), so two
 * accounts never see each other's codes, even for the same scene or ticket. The store itself is no
 * account's view. {@code WeChatQrCodes.builder().store(..)} takes the view of its own appid.
 *
 * <pre>{@code
 * CaffeineQrCodeStore store = new CaffeineQrCodeStore(CacheRuntime.of(clock), 100_000);
 * QrCodeService shopA = new QrCodeService(gatewayA, store.forAccount(AppId.of("wx1111111111111111")), clock);
 * QrCodeService shopB = new QrCodeService(gatewayB, store.forAccount(AppId.of("wx2222222222222222")), clock);
 * }</pre>
 */
public final class CaffeineQrCodeStore implements QrCodeStore, AccountScoped<QrCodeStore> {
  /** The size bound of {@link #CaffeineQrCodeStore(Clock)}. */
  public static final long DEFAULT_MAXIMUM_SIZE = 100_000;

  private final Cache<CompactCode, CompactCode> byTicket;
  private final Map<RequestKey, CompactCode> byRequest;
  private static final int RECORDED_HITS = 32;

  private final RecentCodes recent;
  private final LongAdder unrecordedHits;
  private final Clock clock;
  /** Each account's number in the keys; 0 is the store's own, no account's. Shared by every view. */
  private final Map<AppId, Integer> accounts;
  private final AtomicInteger lastAccount;
  private final int account;

  /**
   * With {@link CacheRuntime#of(Clock)} and {@link #DEFAULT_MAXIMUM_SIZE}.
   *
   * @param clock the only source of time
   */
  public CaffeineQrCodeStore(Clock clock) {
    this(CacheRuntime.of(clock), DEFAULT_MAXIMUM_SIZE);
  }

  /**
   * Creates a store that keeps at most {@code maximumSize} codes in memory.
   *
   * @param runtime clock, executor and scheduler
   * @param maximumSize how many codes are kept at most
   */
  public CaffeineQrCodeStore(CacheRuntime runtime, long maximumSize) {
    Objects.requireNonNull(runtime, "runtime");
    if (maximumSize < 0) {
      throw new IllegalArgumentException("maximumSize must not be negative, was " + maximumSize);
    }
    Map<RequestKey, CompactCode> index = new ConcurrentHashMap<>();
    this.byRequest = index;
    this.byTicket = runtime.caffeine()
        .maximumSize(maximumSize)
        .expireAfter(new UntilDeadline<CompactCode, CompactCode>(CompactCode::expiresAtNanos))
        // Runs inside the atomic removal (expiry or size), so the index shrinks in the same step.
        .evictionListener((CompactCode key, CompactCode code, RemovalCause cause) -> {
          if (code != null) {
            index.remove(code.requestKey(), code);
            code.supersede();
          }
        })
        .recordStats()
        .build();
    this.recent = new RecentCodes(maximumSize);
    this.unrecordedHits = new LongAdder();
    this.clock = runtime.clock();
    this.accounts = new ConcurrentHashMap<>();
    this.lastAccount = new AtomicInteger();
    this.account = 0;
  }

  /** A view of {@code shared}'s cache for the account numbered {@code account}. */
  private CaffeineQrCodeStore(CaffeineQrCodeStore shared, int account) {
    this.byTicket = shared.byTicket;
    this.byRequest = shared.byRequest;
    this.recent = shared.recent;
    this.unrecordedHits = shared.unrecordedHits;
    this.clock = shared.clock;
    this.accounts = shared.accounts;
    this.lastAccount = shared.lastAccount;
    this.account = account;
  }

  /**
   * Returns the view of one account: the same cache, bound and statistics, the account in every key.
   *
   * @param account the account
   * @return the account's view; views of equal accounts share their codes
   */
  @Override
  public CaffeineQrCodeStore forAccount(AppId account) {
    Objects.requireNonNull(account, "account");
    return new CaffeineQrCodeStore(this, accounts.computeIfAbsent(account, a -> lastAccount.incrementAndGet()));
  }

  @Override
  public Optional<QrCode> findByRequest(QrCodeRequest request) {
    return find(request, null);
  }

  /**
   * {@inheritDoc} A hit on a recently found code takes no clock reading of its own when given one.
   */
  @Override
  public Optional<QrCode> findByRequest(QrCodeRequest request, Instant now) {
    return find(request, now);
  }

  /** The lookup; a null {@code now} reads the store's clock on a hot hit and skips the re-check. */
  private Optional<QrCode> find(QrCodeRequest request, @Nullable Instant now) {
    RecentCodes.Entry hot = recent.find(account, request);
    if (hot != null && !hot.packed().superseded()) {
      QrCode code = hot.code();
      // Not superseded: still the request's latest code and still held by the cache (replacement,
      // eviction and expiry all supersede it). Unexpired by the clock Caffeine's ticker reads.
      if (code.isValidAt(now != null ? now : clock.instant())) {
        hit(hot.packed());
        return Optional.of(code);
      }
    }
    Optional<QrCode> decoded = decoded(request);
    return now == null || decoded.isEmpty() || decoded.get().isValidAt(now) ? decoded : Optional.empty();
  }

  private Optional<QrCode> decoded(QrCodeRequest request) {
    CompactCode latest = byRequest.get(CompactCode.probe(account, request));
    if (latest == null) {
      return Optional.empty();
    }
    // Confirms the cache still holds it (and hides it once expired), so both lookups always agree.
    CompactCode held = byTicket.getIfPresent(latest);
    if (held != latest) {
      return Optional.empty();
    }
    QrCode code = latest.toCode(request);
    recent.remember(latest, code);
    return Optional.of(code);
  }

  @Override
  public Optional<QrCode> findByTicket(Ticket ticket) {
    return Optional.ofNullable(byTicket.getIfPresent(CompactCode.probe(account, ticket))).map(CompactCode::toCode);
  }

  @Override
  public void save(QrCode code) {
    CompactCode packed = CompactCode.of(account, code);
    // Under the ticket's lock: the code cannot be evicted before its index entry exists.
    byTicket.asMap().compute(packed, (ticket, previous) -> {
      if (previous != null) {
        byRequest.remove(previous.requestKey(), previous);
        previous.supersede();
      }
      CompactCode replaced = byRequest.put(packed.requestKey(), packed);
      if (replaced != null) {
        replaced.supersede();
      }
      return packed;
    });
  }

  /**
   * Counts a hit served from the recent codes. One in {@value #RECORDED_HITS} is recorded by Caffeine as
   * a read, so its eviction policy still sees hot codes as hot; the rest only count here. Recording every
   * hit would cost each one a read-buffer slot, and every sixteenth a maintenance task handed to the
   * executor (a thread wake-up), for an estimate that Caffeine itself samples lossily under load.
   */
  private void hit(CompactCode packed) {
    if (ThreadLocalRandom.current().nextInt(RECORDED_HITS) == 0) {
      byTicket.getIfPresent(packed);
    } else {
      unrecordedHits.increment();
    }
  }

  /**
   * Returns hits, misses and evictions of lookups by ticket, of every account's view together (a lookup by request counts as one too, whether the code
   * was decoded or served from the recent codes).
   */
  public CacheStats stats() {
    CacheStats recorded = byTicket.stats();
    long unrecorded = unrecordedHits.sum();
    return unrecorded == 0 ? recorded : CacheStats.of(recorded.hitCount() + unrecorded, recorded.missCount(),
        recorded.loadSuccessCount(), recorded.loadFailureCount(), recorded.totalLoadTime(),
        recorded.evictionCount(), recorded.evictionWeight());
  }

  /** Returns the number of codes held for every account, including expired ones not yet cleaned up. */
  public long estimatedSize() {
    return byTicket.estimatedSize();
  }

  /** Runs pending maintenance now: removes expired and evicted codes with their index entries. */
  public void cleanUp() {
    byTicket.cleanUp();
  }

  long requestIndexSize() {
    return byRequest.size();
  }

  /** Index entries whose code the cache no longer holds (or holds expired); zero unless a bug crept in. */
  long staleIndexEntries() {
    return byRequest.values().stream().filter(code -> byTicket.asMap().get(code) != code).count();
  }

  Cache<?, ?> cache() {
    return byTicket;
  }

  @Override
  public String toString() {
    return "CaffeineQrCodeStore[" + (account == 0 ? "no account" : "account #" + account) + "]";
  }
}
