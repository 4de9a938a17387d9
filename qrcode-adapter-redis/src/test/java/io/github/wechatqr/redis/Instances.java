package io.github.wechatqr.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Simulated instances of a host application: each {@link #open} is a connection of its own to the shared
 * Redis, as a separate process would have. Registered as an extension, it closes them after each test.
 */
final class Instances implements AfterEachCallback {
  private final List<RedisStores> opened = new ArrayList<>();

  RedisStores open(RedisStoreSettings settings) {
    RedisStores redis = RedisStores.connect(SharedRedis.uri(), settings);
    opened.add(redis);
    return redis;
  }

  /**
   * Runs {@code count} callers on threads of their own, released together by a latch.
   *
   * @return each caller's value, in order; rethrows the first failure
   */
  static <T> List<T> concurrently(int count, IntFunction<Supplier<T>> caller) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<T>> results = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Supplier<T> call = caller.apply(i);
      results.add(CompletableFuture.supplyAsync(() -> {
        Waits.await(start);
        return call.get();
      }, runnable -> new Thread(runnable).start()));
    }
    start.countDown();
    List<T> values = new ArrayList<>();
    for (CompletableFuture<T> result : results) {
      values.add(result.get(20, TimeUnit.SECONDS));
    }
    return values;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    opened.forEach(RedisStores::close);
    opened.clear();
  }
}
