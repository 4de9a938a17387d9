package io.github.wechatqr.it;

import com.github.benmanes.caffeine.cache.Scheduler;
import io.github.wechatqr.cache.CacheRuntime;
import io.github.wechatqr.cache.CaffeineAccessTokenStore;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.cache.CaffeineQrCodeStore;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.feign.FeignQrCodeGateway;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.Fault;
import io.github.wechatqr.testkit.QrImages;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the soak runs against: the fake with 5% of all requests faulted, the real Feign gateway over
 * Caffeine stores (on executors of their own, so closing them ends their threads), and the real events
 * adapter in safe mode resolving through the same service. All on the system clock: faults are real-time
 * delays against real-time timeouts, and codes of 3..8 s really expire while the soak runs, against the
 * same clock the fake judges expiry by.
 */
final class SoakRig implements AutoCloseable {
  static final double FAULT_RATE = 0.05;
  static final long FAULT_SEED = 20_260_701L;
  static final Duration CONNECT = Duration.ofMillis(500);
  static final Duration READ = Duration.ofSeconds(1);
  static final int ATTEMPTS = 3;
  static final Duration MAX_BACKOFF = Duration.ofMillis(40);
  static final CallBudget BUDGET = new CallBudget(CONNECT, READ, ATTEMPTS, MAX_BACKOFF, Duration.ofSeconds(2));
  /** Every fault kind: errcodes (busy, quotas, stale tokens), 5xx, answers past the read timeout, drops. */
  static final List<Fault> FAULTS = List.of(Fault.errcode(-1), Fault.errcode(45009), Fault.errcode(45011),
      Fault.errcode(40001), Fault.errcode(42001), Fault.status(500), Fault.status(502), Fault.status(503),
      Fault.delay(READ.plus(CONNECT).plusMillis(500)), Fault.drop());

  final Clock clock = Clock.systemUTC();
  final FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).threads(64).start();
  final CaffeineQrCodeStore store;
  final QrCodeService service;
  final ScanEndpoint endpoint;
  private final ExecutorService cacheWork = Executors.newFixedThreadPool(2, named("soak-cache"));
  private final ScheduledExecutorService cacheTimer = Executors.newSingleThreadScheduledExecutor(named("soak-timer"));
  private final FeignQrCodeGateway gateway;

  SoakRig() {
    CacheRuntime runtime = new CacheRuntime(clock, cacheWork, Scheduler.forScheduledExecutorService(cacheTimer));
    this.store = new CaffeineQrCodeStore(runtime, 100_000);
    // A refused token call (an injected 45009) is remembered only briefly, so the soak keeps exercising
    // the gateway rather than the back-off.
    AccessTokenStore.Factory tokens = CaffeineAccessTokenStore.factory(runtime, TokenPolicy.builder()
        .failureBackoff(Duration.ofMillis(200)).build());
    this.gateway = Gateways.against(fake, clock)
        .tokenStore(tokens)
        .connectTimeout(CONNECT).readTimeout(READ)
        .maxAttempts(ATTEMPTS)
        .backoff(Duration.ofMillis(10), MAX_BACKOFF)
        .retryBudget(Duration.ofSeconds(5))
        .build();
    this.service = new QrCodeService(gateway, store, clock);
    this.endpoint = new ScanEndpoint(fake, service, clock, 4);
    // The first JPEG of a JVM is slow (ImageIO, ZXing); keep that out of the timed calls.
    QrImages.decode(QrImages.jpeg("http://weixin.qq.com/q/warm-up"));
    fake.faultRandomly(FAULT_RATE, FAULT_SEED, FAULTS);
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> new Thread(task, prefix + "-" + count.incrementAndGet());
  }

  /** Closes everything it started: callback server, gateway, fake, and the caches' executors. */
  @Override
  public void close() {
    endpoint.close();
    gateway.close();
    fake.close();
    cacheWork.shutdownNow();
    cacheTimer.shutdownNow();
    try {
      cacheWork.awaitTermination(5, TimeUnit.SECONDS);
      cacheTimer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      // AutoCloseable.close should not throw InterruptedException (try-with-resources would swallow the flag).
      Thread.currentThread().interrupt();
    }
  }
}
