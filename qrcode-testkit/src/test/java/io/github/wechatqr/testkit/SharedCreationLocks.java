package io.github.wechatqr.testkit;

import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.AppId;
import io.github.wechatqr.domain.port.AccountScoped;
import io.github.wechatqr.domain.port.CreationLock;
import java.util.List;
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

  /** A holder of no account; its {@code forAccount} views share the semaphores, each with its own keys. */
  CreationLock holder() {
    return new Holder(null);
  }

  /** A holder whose keys carry its account ({@code null}: no account's). */
  private final class Holder implements CreationLock, AccountScoped<CreationLock> {
    private final AppId account;

    Holder(AppId account) {
      this.account = account;
    }

    @Override
    public CreationLock forAccount(AppId other) {
      return new Holder(other);
    }

    @Override
    public <T> T whileCreating(QrCodeRequest request, Supplier<T> creation) {
      Semaphore held = keys.computeIfAbsent(List.of(String.valueOf(account), key.apply(request)),
          k -> new Semaphore(1));
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
  }
}
