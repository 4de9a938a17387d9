package io.github.wechatqr.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.TestClock;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.concurrent.SingleFlight;
import io.github.wechatqr.domain.port.CreationLock;
import io.github.wechatqr.domain.port.QrImageStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Single flight through the service, gated on latches: no sleeps, no timing assumptions. */
class QrCodeServiceConcurrencyTest {
  private static final int THREADS = 64;
  private static final Duration HOUR = Duration.ofHours(1);
  private final TestClock clock = TestClock.at("2026-01-01T00:00:00Z");
  private final FakeGateway gateway = new FakeGateway();
  private final MapStore store = new MapStore(clock);
  private final CountDownLatch joined = new CountDownLatch(THREADS - 1);
  private final QrCodeService service = new QrCodeService(gateway, store, clock, ReusePolicy.halfLifetimeLeft(),
      QrImageStore.none(), CreationLock.local(), new SingleFlight<>(joined::countDown));
  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void sixty_four_identical_requests_make_one_gateway_call_and_share_the_code() throws Exception {
    gateway.gate = joined; // the one call returns only once the 63 others have joined its flight
    List<Future<QrCode>> results = submit(THREADS, () -> service.temporary(SceneValue.of(7), HOUR));
    QrCode first = results.get(0).get(10, TimeUnit.SECONDS);
    for (Future<QrCode> result : results) {
      assertThat(result.get(10, TimeUnit.SECONDS)).isSameAs(first);
    }
    assertThat(gateway.issued).hasSize(1);
    assertThat(store.saves).hasValue(1);
  }

  @Test
  void a_failed_flight_gives_every_waiter_the_same_exception_stores_nothing_and_is_retried()
      throws Exception {
    UpstreamUnavailable down = new UpstreamUnavailable("down");
    gateway.gate = joined;
    gateway.answer = request -> {
      throw down;
    };
    List<Future<QrCode>> results = submit(THREADS, () -> service.permanent(SceneValue.of(9)));
    for (Future<QrCode> result : results) {
      assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class).cause().isSameAs(down);
    }
    assertThat(gateway.issued).hasSize(1);
    assertThat(store.saves).hasValue(0);

    gateway.answer = gateway::grantAsAsked;
    assertThat(service.permanent(SceneValue.of(9)).expiresAt()).isNull();
    assertThat(gateway.issued).hasSize(2);
  }

  @Test
  void different_requests_proceed_in_parallel() throws Exception {
    CountDownLatch bothInside = new CountDownLatch(2);
    gateway.entered = bothInside;
    gateway.gate = bothInside; // each call waits until the other one is inside the gateway too
    Future<QrCode> a = pool.submit(() -> service.temporary(SceneValue.of(1), HOUR));
    Future<QrCode> b = pool.submit(() -> service.temporary(SceneValue.of("1"), HOUR));
    assertThat(a.get(10, TimeUnit.SECONDS).request().scene()).isEqualTo(SceneValue.of(1));
    assertThat(b.get(10, TimeUnit.SECONDS).request().scene()).isEqualTo(SceneValue.of("1"));
    assertThat(gateway.issued).containsExactlyInAnyOrder(
        QrCodeRequest.temporary(SceneValue.of(1), HOUR),
        QrCodeRequest.temporary(SceneValue.of("1"), HOUR));
  }

  private List<Future<QrCode>> submit(int count, java.util.concurrent.Callable<QrCode> task) {
    List<Future<QrCode>> results = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      results.add(pool.submit(task));
    }
    return results;
  }
}
