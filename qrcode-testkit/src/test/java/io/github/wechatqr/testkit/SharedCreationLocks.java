package io.github.wechatqr.testkit;

import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.port.CreationLock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The plainest lock that follows the kit, shared by holders in one JVM the way a backend shares it between
 * processes: one semaphore per key. The key and the release on failure can be broken to prove that the kit
 * notices.
 */
final class SharedCreationLocks {
  private final Map<Object, Semaphore> keys = new ConcurrentHashMap<>();
  private final Function<QrCodeRequest, Object> key;
  private final boolean releasesOnFailure;

  SharedCreationLocks(Function<QrCodeRequest, Object> key, boolean releasesOnFailure) {
    this.key = key;
    this.releasesOnFailure = releasesOnFailure;
  }

  /** A lock per request, released however the creation ends. */
  static SharedCreationLocks perRequest() {
    return new SharedCreationLocks(request -> request, true);
  }

  CreationLock holder() {
    return new CreationLock() {
      @Override
      public <T> T whileCreating(QrCodeRequest request, Supplier<T> creation) {
        Semaphore held = keys.computeIfAbsent(key.apply(request), k -> new Semaphore(1));
        held.acquireUninterruptibly();
        if (!releasesOnFailure) {
          T result = creation.get();
          held.release();
          return result;
        }
        try {
          return creation.get();
        } finally {
          held.release();
        }
      }
    };
  }
}
