package io.github.wechatqr.domain.port;

import io.github.wechatqr.domain.AppId;
import io.github.wechatqr.domain.QrCodeRequest;
import java.util.function.Supplier;

/**
 * Keeps the instances of a host application that share a code store from creating a code for the same
 * request at the same time, so that the whole cluster makes one {@code qrcode/create} call per request.
 * {@code QrCodeService} already runs one creation per request within a process (single flight) and calls
 * the lock inside it, so a lock only has to exclude other processes. The creation it runs re-checks the
 * store first: a holder that waited finds the code the previous holder saved.
 */
public interface CreationLock {

  /**
   * Runs {@code creation} while no other holder of this lock runs a creation for an equal request, and
   * releases the lock however {@code creation} ends. Creations for different requests do not wait for each
   * other.
   *
   * @param request the request being created
   * @param creation re-checks the store, creates and saves; what it throws is rethrown as it is
   * @param <T> the result type
   * @return what {@code creation} returned
   * @throws io.github.wechatqr.domain.UpstreamUnavailable if the lock could not be had within its wait
   *     budget, or the place it lives in (e.g. Redis) failed; {@code creation} then has not run
   */
  <T> T whileCreating(QrCodeRequest request, Supplier<T> creation);

  /**
   * Returns the lock of a single process: it runs {@code creation} directly, relying on
   * {@code QrCodeService}'s single flight for one creation per request. Right for in-process stores, and
   * the default of {@code QrCodeService}. It has no keys, so it is every account's view of itself: any
   * number of accounts may share it.
   *
   * @return the in-process lock
   */
  static CreationLock local() {
    final class Local implements CreationLock, AccountScoped<CreationLock> {
      @Override
      public <T> T whileCreating(QrCodeRequest request, Supplier<T> creation) {
        return creation.get();
      }

      @Override
      public CreationLock forAccount(AppId account) {
        return this;
      }

      @Override
      public String toString() {
        return "CreationLock.local()";
      }
    }
    return new Local();
  }
}
