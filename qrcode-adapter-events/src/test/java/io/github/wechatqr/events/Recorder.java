package io.github.wechatqr.events;

import io.github.wechatqr.domain.ResolvedScan;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what the listeners receive; can be told to fail the next calls. */
final class Recorder implements ScanListener, MessageListener {
  final List<ResolvedScan> scans = new CopyOnWriteArrayList<>();
  final List<CallbackMessage> messages = new CopyOnWriteArrayList<>();
  final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();

  /** @param times how many of the next calls throw */
  void failNext(int times) {
    failures.set(times);
  }

  @Override
  public void onScan(ResolvedScan scan) {
    calls.incrementAndGet();
    failIfTold();
    scans.add(scan);
  }

  @Override
  public void onMessage(CallbackMessage message) {
    calls.incrementAndGet();
    failIfTold();
    messages.add(message);
  }

  private void failIfTold() {
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("listener failure for the test");
    }
  }
}
