package io.github.wechatqr.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.wechatqr.cache.CacheRuntime;
import io.github.wechatqr.cache.CaffeineQrCodeStore;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Scenario 1: a cached {@code QrCodeService.temporary(scene, lifetime)} hit, through the real
 * {@link CaffeineQrCodeStore}, against a bare Caffeine {@code getIfPresent} on the same codes. Both hold
 * the same {@value #CODES} codes (string scenes, 7-day lifetime, WeChat-shaped tickets) and look them up
 * in the same order. The bare cache is what a developer writes by hand: {@code Cache<QrCodeRequest,
 * QrCode>}, size-bound and expiring after write, queried with a request built beforehand.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
public class CachedHitBenchmark {
  static final int CODES = 1024;

  private final Clock clock = Clock.systemUTC();
  private final SceneValue[] scenes = new SceneValue[CODES];
  private final QrCodeRequest[] requests = new QrCodeRequest[CODES];
  private QrCodeService service;
  private QrCodeService serviceOnFixedClock;
  private Cache<QrCodeRequest, QrCode> bare;
  private int next;

  /** Issues the codes once and puts them in both caches. */
  @Setup
  public void fill() {
    service = wired(clock);
    serviceOnFixedClock = wired(Clock.fixed(clock.instant(), ZoneOffset.UTC));
    bare = Caffeine.newBuilder()
        .maximumSize(CaffeineQrCodeStore.DEFAULT_MAXIMUM_SIZE)
        .expireAfterWrite(Upstream.LIFETIME)
        .build();
    for (int i = 0; i < CODES; i++) {
      scenes[i] = SceneValue.of("login-session-" + (100_000 + i));
      requests[i] = QrCodeRequest.temporary(scenes[i], Upstream.LIFETIME);
      QrCode code = service.temporary(scenes[i], Upstream.LIFETIME);
      serviceOnFixedClock.temporary(scenes[i], Upstream.LIFETIME);
      bare.put(requests[i], code);
    }
  }

  private static QrCodeService wired(Clock clock) {
    CaffeineQrCodeStore store = new CaffeineQrCodeStore(CacheRuntime.of(clock), CaffeineQrCodeStore.DEFAULT_MAXIMUM_SIZE);
    return new QrCodeService(new InMemoryQrCodeGateway(clock), store, clock);
  }

  /** @return the stored code, through the service and its store */
  @Benchmark
  public QrCode service() {
    return service.temporary(scenes[index()], Upstream.LIFETIME);
  }

  /**
   * For reference: the same hit with a {@link Clock#fixed fixed clock}, whose reading is a field read. The
   * difference to {@link #service()} is what reading the system clock costs the hit.
   *
   * @return the stored code, through a service on a fixed clock
   */
  @Benchmark
  public QrCode serviceOnFixedClock() {
    return serviceOnFixedClock.temporary(scenes[index()], Upstream.LIFETIME);
  }

  /** For reference: one reading of the system clock, as the service's hit takes it. @return now */
  @Benchmark
  public Instant systemClockReading() {
    return clock.instant();
  }

  /** For reference: one reading of the ticker a bare Caffeine hit takes. @return nanoseconds */
  @Benchmark
  public long nanoTimeReading() {
    return System.nanoTime();
  }

  /** @return the stored code, from the bare cache */
  @Benchmark
  public QrCode bareCaffeine() {
    return bare.getIfPresent(requests[index()]);
  }

  private int index() {
    int i = next;
    next = (i + 1) & (CODES - 1);
    return i;
  }
}
