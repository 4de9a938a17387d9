package io.github.wechatqr.cache;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/** An executor that only queues; the test runs the queue when it chooses. */
final class ManualExecutor implements Executor {
  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();

  @Override
  public void execute(Runnable command) {
    queue.add(command);
  }

  /** Runs everything queued, including what the tasks queue meanwhile; returns how many ran. */
  int runAll() {
    int ran = 0;
    for (Runnable next = queue.poll(); next != null; next = queue.poll()) {
      next.run();
      ran++;
    }
    return ran;
  }
}
