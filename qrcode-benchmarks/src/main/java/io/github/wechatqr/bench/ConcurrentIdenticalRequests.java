package io.github.wechatqr.bench;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.feign.FeignQrCodeGateway;
import io.github.wechatqr.testkit.FakeWeChatServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scenario 3: {@value #DEFAULT_REQUESTS} threads ask {@link QrCodeService#temporary} for the same code
 * at once, on a cold start (no token, no code yet), through the Feign gateway and Caffeine stores against
 * a fresh fake. Counts the upstream creates and token fetches in the fake's journal (the target is
 * exactly one each) and times from the release of all threads until the last one holds the code. A
 * round is repeated with a new fake, gateway and stores; warm-up rounds go first and are not reported.
 *
 * <p>Usage: {@code ConcurrentIdenticalRequests [rounds] [warmupRounds] [requests] [out.json]}.
 */
public final class ConcurrentIdenticalRequests {
  static final int DEFAULT_REQUESTS = 1000;

  private ConcurrentIdenticalRequests() {}

  /**
   * @param args rounds (default 15), warm-up rounds (default 5), requests (default 1000), output file
   * @throws InterruptedException if interrupted
   */
  public static void main(String[] args) throws InterruptedException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int requests = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_REQUESTS;
    Path out = Path.of(args.length > 3 ? args[3] : "target/bench/concurrent.json");
    for (int i = 0; i < warmup; i++) {
      round(requests);
    }
    double[] millis = new double[rounds];
    long[] creates = new long[rounds];
    long[] tokens = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      Round round = round(requests);
      millis[i] = round.millis();
      creates[i] = round.creates();
      tokens[i] = round.tokenFetches();
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("requests", requests);
    result.put("rounds", rounds);
    result.put("warmup_rounds", warmup);
    result.put("median_ms", Stats.median(millis));
    result.put("min_ms", Stats.min(millis));
    result.put("max_ms", Stats.max(millis));
    result.put("latencies_ms", millis);
    result.put("creates", creates);
    result.put("token_fetches", tokens);
    Stats.writeJson(out, result);
    System.out.printf("%d identical requests, %d rounds: median %.1f ms (min %.1f, max %.1f); creates %s, token fetches %s%n",
        requests, rounds, Stats.median(millis), Stats.min(millis), Stats.max(millis),
        java.util.Arrays.toString(creates), java.util.Arrays.toString(tokens));
  }

  /**
   * @param millis from the release of all callers until the last one had the code
   * @param creates upstream creates the fake saw
   * @param tokenFetches upstream token fetches the fake saw
   */
  record Round(double millis, long creates, long tokenFetches) {}

  /** One cold round: a new fake, gateway, stores and service; {@code requests} callers released at once. */
  static Round round(int requests) throws InterruptedException {
    Clock clock = Clock.systemUTC();
    try (FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start();
        FeignQrCodeGateway gateway = Upstream.gateway(fake, clock)) {
      QrCodeService service = Upstream.service(gateway, clock);
      SceneValue scene = SceneValue.of("campaign-2026-spring");
      CountDownLatch ready = new CountDownLatch(requests);
      CountDownLatch go = new CountDownLatch(1);
      CountDownLatch done = new CountDownLatch(requests);
      Set<String> tickets = ConcurrentHashMap.newKeySet();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread[] callers = new Thread[requests];
      for (int i = 0; i < requests; i++) {
        callers[i] = new Thread(() -> {
          ready.countDown();
          try {
            go.await();
            QrCode code = service.temporary(scene, Upstream.LIFETIME);
            tickets.add(code.ticket().value());
          } catch (Throwable t) {
            failure.compareAndSet(null, t);
          } finally {
            done.countDown();
          }
        }, "identical-request-" + i);
        callers[i].start();
      }
      ready.await();
      long start = System.nanoTime();
      go.countDown();
      if (!done.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the callers did not finish within 60 s");
      }
      long elapsed = System.nanoTime() - start;
      for (Thread caller : callers) {
        caller.join();
      }
      if (failure.get() != null) {
        throw new IllegalStateException("a caller failed", failure.get());
      }
      if (tickets.size() != 1) {
        throw new IllegalStateException("the callers got " + tickets.size() + " different codes");
      }
      return new Round(elapsed / 1e6, fake.journal().count(FakeWeChatServer.CREATE), fake.journal().tokenFetches());
    }
  }
}
