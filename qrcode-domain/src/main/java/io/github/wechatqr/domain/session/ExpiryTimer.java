package io.github.wechatqr.domain.session;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The one timer thread of every {@link ScanSessions} in the JVM, started on first use: waiters check their
 * session's expiry on it, so a thousand waiters need no thread each. A daemon, so it never keeps the JVM up;
 * cancelled checks leave its queue at once.
 */
final class ExpiryTimer {
  static final ScheduledThreadPoolExecutor SHARED = create();

  private ExpiryTimer() {}

  private static ScheduledThreadPoolExecutor create() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "scan-session-expiry");
      thread.setDaemon(true);
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
