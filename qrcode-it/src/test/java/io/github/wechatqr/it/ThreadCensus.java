package io.github.wechatqr.it;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The live threads of the JVM before a run, to find those a run left behind. Threads are compared by
 * identity, so a pool thread that ended and one that took its name are told apart. The JDK's HTTP client
 * threads end only once their client is unreachable, so {@link #leftAfter} collects garbage while it
 * waits. Two JDK-wide threads that the fake (WeChat's side, not the library) starts are not counted:
 * {@code Keep-Alive-Timer}, the keep-alive cache of {@code HttpURLConnection} that its push simulator
 * uses, which ends by itself five seconds after the last push; and {@code Java2D Disposer}, which Java2D
 * starts once per JVM when the fake first draws a JPEG, and keeps.
 */
final class ThreadCensus {
  static final Set<String> JDK_SHARED = Set.of("Keep-Alive-Timer", "Java2D Disposer");

  private final Set<Thread> before;

  private ThreadCensus(Set<Thread> before) {
    this.before = before;
  }

  static ThreadCensus take() {
    Set<Thread> live = Collections.newSetFromMap(new IdentityHashMap<>());
    live.addAll(Thread.getAllStackTraces().keySet());
    return new ThreadCensus(live);
  }

  int countBefore() {
    return before.size();
  }

  /** @return the threads started since the census that are alive now, JDK-shared ones excepted */
  List<Thread> newThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> !before.contains(thread) && thread.isAlive() && !JDK_SHARED.contains(thread.getName()))
        .collect(Collectors.toList());
  }

  /**
   * Waits until every thread started since the census has ended, or the deadline passes.
   *
   * @param within how long to wait at most
   * @return the names of the threads still alive at the end; empty when none leaked
   */
  List<String> leftAfter(Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    List<Thread> left = newThreads();
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      System.gc();
      left.get(0).join(100);
      left = newThreads();
    }
    return left.stream().map(Thread::getName).sorted().collect(Collectors.toList());
  }
}
