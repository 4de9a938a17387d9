package io.github.wechatqr.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.TestClock;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.port.CreationLock;
import io.github.wechatqr.domain.port.QrImageStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The service holds the creation lock around each creation, and only there. */
class QrCodeServiceCreationLockTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private final TestClock clock = TestClock.at("2026-01-01T00:00:00Z");
  private final FakeGateway gateway = new FakeGateway();
  private final MapStore store = new MapStore(clock);
  private final RecordingLock lock = new RecordingLock();
  private final QrCodeService service = new QrCodeService(gateway, store, clock, ReusePolicy.halfLifetimeLeft(),
      QrImageStore.none(), lock);

  /** Records each request it runs a creation for, and whether the gateway was called inside. */
  private final class RecordingLock implements CreationLock {
    final List<QrCodeRequest> held = new CopyOnWriteArrayList<>();
    volatile boolean holding;
    volatile Runnable beforeCreation = () -> { };

    @Override
    public <T> T whileCreating(QrCodeRequest request, Supplier<T> creation) {
      held.add(request);
      beforeCreation.run();
      holding = true;
      try {
        return creation.get();
      } finally {
        holding = false;
      }
    }
  }

  @Test
  void the_create_call_runs_inside_the_lock() {
    List<Boolean> insideLock = new CopyOnWriteArrayList<>();
    gateway.answer = request -> {
      insideLock.add(lock.holding);
      return gateway.grantAsAsked(request);
    };
    QrCode code = service.temporary(SceneValue.of(7), HOUR);
    assertThat(lock.held).containsExactly(code.request());
    assertThat(insideLock).containsExactly(true);
  }

  @Test
  void a_reused_code_takes_no_lock() {
    service.temporary(SceneValue.of(7), HOUR);
    service.temporary(SceneValue.of(7), HOUR);
    assertThat(lock.held).hasSize(1);
  }

  @Test
  void a_code_saved_by_another_holder_while_this_one_waited_is_reused_without_a_create_call() {
    QrCodeRequest request = QrCodeRequest.temporary(SceneValue.of(7), HOUR);
    QrCodeService otherInstance = new QrCodeService(gateway, store, clock);
    lock.beforeCreation = () -> otherInstance.obtain(request); // it got the lock first
    QrCode code = service.obtain(request);
    assertThat(gateway.issued).hasSize(1);
    assertThat(store.findByRequest(request)).contains(code);
  }

  @Test
  void what_the_lock_throws_reaches_the_caller_and_nothing_is_created() {
    CreationLock unavailable = new CreationLock() {
      @Override
      public <T> T whileCreating(QrCodeRequest request, Supplier<T> creation) {
        throw new UpstreamUnavailable("lock wait over");
      }
    };
    QrCodeService blocked = new QrCodeService(gateway, store, clock, ReusePolicy.halfLifetimeLeft(),
        QrImageStore.none(), unavailable);
    assertThatThrownBy(() -> blocked.permanent(SceneValue.of(1))).isInstanceOf(UpstreamUnavailable.class);
    assertThat(gateway.issued).isEmpty();
  }

  @Test
  void the_local_lock_runs_the_creation_directly_and_returns_its_result() {
    CreationLock local = CreationLock.local();
    QrCodeRequest request = QrCodeRequest.permanent(SceneValue.of(1));
    assertThat(local.whileCreating(request, () -> "made")).isEqualTo("made");
    assertThat(local.whileCreating(request, () -> local.whileCreating(request, () -> "nested"))).isEqualTo("nested");
  }
}
