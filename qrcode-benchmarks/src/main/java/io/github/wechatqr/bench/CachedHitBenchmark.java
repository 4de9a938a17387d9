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
 * {@value #CODES} codes (string scenes, 7-day lifetime, WeChat-shaped tickets) and look them up in the same
 * order. The bare cache is what a developer writes by hand: {@code Cache<QrCodeRequest, QrCode>},
 * size-bound and expiring after write, queried with a request built beforehand.
 *
 * <p>Each benchmark sets up only its own state, so that no other service's clock type reaches the
 * profile the JIT compiles the measured path with.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
public class CachedHitBenchmark {
  static final int CODES = 1024;

  /** The scenes, and which one the next lookup takes. */
  abstract static class Lookups {
    final SceneValue[] scenes = new SceneValue[CODES];
    private int next;

    Lookups() {
      for (int i = 0; i < CODES; i++) {
        scenes[i] = SceneValue.of("login-session-" + (100_000 + i));
      }
    }

    int index() {
      int i = next;
      next = (i + 1) & (CODES - 1);
      return i;
    }
  }

  /** The service wired as in production, with every code issued once. */
  abstract static class Issued extends Lookups {
    QrCodeService service;

    void issue(Clock clock) {
      CaffeineQrCodeStore store =
          new CaffeineQrCodeStore(CacheRuntime.of(clock), CaffeineQrCodeStore.DEFAULT_MAXIMUM_SIZE);
      service = new QrCodeService(new InMemoryQrCodeGateway(clock), store, clock);
      for (SceneValue scene : scenes) {
        service.temporary(scene, Upstream.LIFETIME);
      }
    }
  }

  /** The service on the system clock. */
  @State(Scope.Benchmark)
  public static class OnSystemClock extends Issued {
    /** Issues the codes. */
    @Setup
    public void issue() {
      issue(Clock.systemUTC());
    }
  }

  /** The service on a fixed clock, whose reading is a field read. */
  @State(Scope.Benchmark)
  public static class OnFixedClock extends Issued {
    /** Issues the codes. */
    @Setup
    public void issue() {
      issue(Clock.fixed(Instant.now(), ZoneOffset.UTC));
    }
  }

  /** The same codes in a bare Caffeine cache, with the requests built beforehand. */
  @State(Scope.Benchmark)
  public static class Bare extends Lookups {
    final QrCodeRequest[] requests = new QrCodeRequest[CODES];
    Cache<QrCodeRequest, QrCode> cache;

    /** Issues the codes (through a service, as the other states do) and puts them in the cache. */
    @Setup
    public void fill() {
      Clock clock = Clock.systemUTC();
      QrCodeService issuer = new QrCodeService(new InMemoryQrCodeGateway(clock),
          new CaffeineQrCodeStore(clock), clock);
      cache = Caffeine.newBuilder()
          .maximumSize(CaffeineQrCodeStore.DEFAULT_MAXIMUM_SIZE)
          .expireAfterWrite(Upstream.LIFETIME)
          .build();
      for (int i = 0; i < CODES; i++) {
        requests[i] = QrCodeRequest.temporary(scenes[i], Upstream.LIFETIME);
        cache.put(requests[i], issuer.obtain(requests[i]));
      }
    }
  }

  /** A system clock, for the readings measured on their own. */
  @State(Scope.Benchmark)
  public static class SystemClock {
    final Clock clock = Clock.systemUTC();
  }

  /**
   * @param codes the service and its codes
   * @return the stored code, through the service and its store
   */
  @Benchmark
  public QrCode service(OnSystemClock codes) {
    return codes.service.temporary(codes.scenes[codes.index()], Upstream.LIFETIME);
  }

  /**
   * For reference: the same hit with a {@link Clock#fixed fixed clock}. The difference to
   * {@link #service} is what reading the system clock costs the hit.
   *
   * @param codes the service and its codes
   * @return the stored code, through a service on a fixed clock
   */
  @Benchmark
  public QrCode serviceOnFixedClock(OnFixedClock codes) {
    return codes.service.temporary(codes.scenes[codes.index()], Upstream.LIFETIME);
  }

  /**
   * For reference: one reading of the system clock, as the service's hit takes it.
   *
   * @param system the clock
   * @return now
   */
  @Benchmark
  public Instant systemClockReading(SystemClock system) {
    return system.clock.instant();
  }

  /** For reference: one reading of the ticker a bare Caffeine hit takes. @return nanoseconds */
  @Benchmark
  public long nanoTimeReading() {
    return System.nanoTime();
  }

  /**
   * @param bare the bare cache and its requests
   * @return the stored code, from the bare cache
   */
  @Benchmark
  public QrCode bareCaffeine(Bare bare) {
    return bare.cache.getIfPresent(bare.requests[bare.index()]);
  }
}
