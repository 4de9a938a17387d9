package io.github.wechatqr.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.vm.VM;

/**
 * Retained heap per cached code, measured with JOL's {@link GraphLayout} (every object reachable from the
 * store, counted once): a store holding N codes minus the same store empty, divided by N. A program, not a
 * test. Codes come from the testkit's {@code InMemoryQrCodeGateway}, so tickets (100-char base64) and
 * content URLs ({@code http://weixin.qq.com/q/} + 22 chars) have WeChat's shape. The mix: 40 % temporary
 * id scenes, 40 % temporary string scenes (8..32 chars), 10 % permanent id, 10 % permanent string.
 *
 * <p>Run (JOL needs both flags on JDK 17 to walk records and lambdas), from the repository root:
 * {@code mvn -B -o -pl qrcode-adapter-cache -am process-test-classes -Pmemory-footprint -Djacoco.skip=true}.
 * It prints the figure for this store and for the plain two-map baseline, and the classes the bytes go to.
 */
public final class MemoryFootprint {
  private static final Duration[] LIFETIMES = {Duration.ofMinutes(5), Duration.ofMinutes(10),
      Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30)};

  private MemoryFootprint() {}

  /** @param args optionally the number of codes, 100,000 by default */
  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    MutableClock clock = MutableClock.at("2026-03-01T08:00:00.123456Z");
    List<QrCode> codes = codes(count, clock);
    System.out.println(VM.current().details());
    System.out.printf("codes: %,d%n%n", count);
    measure("baseline: Caffeine<Ticket, QrCode> + ConcurrentHashMap<QrCodeRequest, Ticket>",
        () -> new Baseline(clock), Baseline::save, codes);
    measure("CaffeineQrCodeStore (packed codes, request index sharing their bytes)",
        () -> new CaffeineQrCodeStore(CacheRuntime.sameThread(clock), CaffeineQrCodeStore.DEFAULT_MAXIMUM_SIZE),
        CaffeineQrCodeStore::save, codes);
  }

  private static <S> void measure(String name, Supplier<S> factory, BiConsumer<S, QrCode> save,
      List<QrCode> codes) {
    S empty = factory.get();
    S full = factory.get();
    codes.forEach(code -> save.accept(full, code));
    cleanUp(full);
    GraphLayout emptyLayout = GraphLayout.parseInstance(empty);
    GraphLayout fullLayout = GraphLayout.parseInstance(full);
    long retained = fullLayout.totalSize() - emptyLayout.totalSize();
    System.out.printf("%s%n  retained %,d bytes = %.1f bytes per code%n", name, retained,
        (double) retained / codes.size());
    System.out.println(fullLayout.subtract(emptyLayout).toFootprint());
  }

  private static void cleanUp(Object store) {
    if (store instanceof CaffeineQrCodeStore caffeine) {
      caffeine.cleanUp();
    } else {
      ((Baseline) store).byTicket.cleanUp();
    }
  }

  /**
   * Realistic codes: real fake-server tickets and URLs, a fixed mix of kinds, lifetimes from shared
   * constants, and a distinct issue instant each (1.234 ms apart, so with microseconds, like a system
   * clock). The clock ends about two minutes on, before the shortest lifetime (5 min) runs out.
   */
  static List<QrCode> codes(int count, MutableClock clock) {
    InMemoryQrCodeGateway gateway = new InMemoryQrCodeGateway(clock, count);
    Random random = new Random(42);
    List<QrCode> codes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int kind = i % 10;
      QrCodeRequest request;
      if (kind < 4) {
        request = QrCodeRequest.temporary(SceneValue.of(random.nextInt(Integer.MAX_VALUE - 1) + 1),
            LIFETIMES[random.nextInt(LIFETIMES.length)]);
      } else if (kind < 8) {
        request = QrCodeRequest.temporary(SceneValue.of(sceneString(random, i)),
            LIFETIMES[random.nextInt(LIFETIMES.length)]);
      } else if (kind == 8) {
        request = QrCodeRequest.permanent(SceneValue.of(i / 10 + 1));
      } else {
        request = QrCodeRequest.permanent(SceneValue.of("shop-" + i));
      }
      codes.add(QrCode.issued(request, gateway.issue(request), clock.advance(Duration.ofNanos(1_234_000))));
    }
    return codes;
  }

  private static String sceneString(Random random, int serial) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder scene = new StringBuilder("s").append(serial).append('-');
    int length = 8 + random.nextInt(25);
    while (scene.length() < length) {
      scene.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return scene.toString();
  }

  /** The obvious first design, kept here as the yardstick: domain objects in a cache and a second map. */
  static final class Baseline {
    final Map<QrCodeRequest, Ticket> byRequest = new ConcurrentHashMap<>();
    final Cache<Ticket, QrCode> byTicket;

    Baseline(Clock clock) {
      byTicket = CacheRuntime.sameThread(clock).caffeine()
          .maximumSize(CaffeineQrCodeStore.DEFAULT_MAXIMUM_SIZE)
          .expireAfter(new UntilDeadline<Ticket, QrCode>(
              code -> code.expiresAt() == null ? Long.MAX_VALUE : CacheRuntime.nanos(code.expiresAt())))
          .evictionListener((Ticket ticket, QrCode code, RemovalCause cause) -> byRequest.remove(code.request(), ticket))
          .recordStats()
          .build();
    }

    void save(QrCode code) {
      byTicket.asMap().compute(code.ticket(), (ticket, previous) -> {
        byRequest.put(code.request(), ticket);
        return code;
      });
    }
  }
}
