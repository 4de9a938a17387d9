package io.github.wechatqr.events;

import io.github.wechatqr.domain.ResolvedScan;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A scan listener that holds each call until opened, then passes the scan on: lets a test deliver a
 * duplicate while the first delivery is provably inside the listener, with latches, not sleeps.
 */
final class Gate implements ScanListener {
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch opened = new CountDownLatch(1);
  private final ScanListener next;

  Gate(ScanListener next) {
    this.next = next;
  }

  @Override
  public void onScan(ResolvedScan scan) {
    entered.countDown();
    try {
      if (!opened.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the gate was not opened in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    next.onScan(scan);
  }

  /** @return whether a call is inside the listener (waits up to 10 s for one) */
  boolean awaitEntered() throws InterruptedException {
    return entered.await(10, TimeUnit.SECONDS);
  }

  void open() {
    opened.countDown();
  }
}
