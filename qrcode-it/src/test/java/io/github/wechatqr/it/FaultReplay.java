package io.github.wechatqr.it;

import io.github.wechatqr.testkit.Fault;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Which faults {@code FakeWeChatServer.faultRandomly(rate, seed, faults)} injected into the first
 * {@code requests} requests it handled: it draws, per request, one {@code nextDouble()} from
 * {@code new Random(seed)} and, below {@code rate}, one {@code nextInt(faults.size())}. Which request got
 * which fault depends on the threads' interleaving, but how many of each kind does not, so the soak can
 * hold every failure against the faults that can explain it. Checked against the journal, which records
 * every fault but the delays (a delayed answer is journaled as the answer it finally was).
 */
final class FaultReplay {
  private FaultReplay() {}

  static Map<Fault, Long> injected(double rate, long seed, List<Fault> faults, long requests) {
    Map<Fault, Long> counts = new LinkedHashMap<>();
    faults.forEach(fault -> counts.put(fault, 0L));
    Random random = new Random(seed);
    for (long i = 0; i < requests; i++) {
      if (random.nextDouble() < rate) {
        counts.merge(faults.get(random.nextInt(faults.size())), 1L, Long::sum);
      }
    }
    return counts;
  }
}
