package io.github.wechatqr.it;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The cluster simulation's load: every thread of every instance asks for every request of {@link #REQUESTS}
 * once, in its own shuffled order, all released together by one latch. Records what each request got
 * and every failure.
 */
final class ClusterLoad {
  /** Six of each kind: temporary id and string, permanent id and string. */
  static final List<QrCodeRequest> REQUESTS = requests();

  final Map<QrCodeRequest, Set<QrCode>> served = new ConcurrentHashMap<>();
  final Queue<QrCodeException> failures = new ConcurrentLinkedQueue<>();

  private static List<QrCodeRequest> requests() {
    List<QrCodeRequest> requests = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      requests.add(QrCodeRequest.temporary(SceneValue.of(1000 + i), Duration.ofMinutes(10)));
      requests.add(QrCodeRequest.temporary(SceneValue.of("session-" + i), Duration.ofHours(1)));
      requests.add(QrCodeRequest.permanent(SceneValue.of(i)));
      requests.add(QrCodeRequest.permanent(SceneValue.of("shop:" + i)));
    }
    return List.copyOf(requests);
  }

  /**
   * @param instances the simulated processes
   * @param threadsEach how many threads each of them runs
   * @param within how long the whole load may take
   * @return this load, with its results
   */
  ClusterLoad run(List<ClusterInstance> instances, int threadsEach, Duration within) throws Exception {
    int threads = instances.size() * threadsEach;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(threads);
    try {
      for (int t = 0; t < threads; t++) {
        ClusterInstance instance = instances.get(t % instances.size());
        List<QrCodeRequest> order = new ArrayList<>(REQUESTS);
        Collections.shuffle(order, new Random(t));
        pool.execute(() -> {
          try {
            start.await();
            order.forEach(request -> ask(instance, request));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            done.countDown();
          }
        });
      }
      start.countDown();
      if (!done.await(within.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new TimeoutException("the load did not finish within " + within);
      }
      return this;
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private void ask(ClusterInstance instance, QrCodeRequest request) {
    try {
      served.computeIfAbsent(request, r -> ConcurrentHashMap.newKeySet()).add(instance.service.obtain(request));
    } catch (QrCodeException e) {
      failures.add(e);
    }
  }
}
