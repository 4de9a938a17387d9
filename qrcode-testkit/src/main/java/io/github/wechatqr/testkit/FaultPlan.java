package io.github.wechatqr.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Which fault, if any, the next call of a path gets: first the queued ones, then random ones. */
final class FaultPlan {
  private record Queued(Fault fault, int[] remaining) {}

  private final Map<String, Deque<Queued>> queued = new HashMap<>();
  private Random random;
  private double rate;
  private List<Fault> randomFaults = List.of();

  synchronized void add(String path, Fault fault, int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1");
    }
    queued.computeIfAbsent(path, p -> new ArrayDeque<>()).add(new Queued(fault, new int[] {times}));
  }

  synchronized void randomly(double rate, long seed, List<Fault> faults) {
    if (rate < 0 || rate > 1 || faults.isEmpty() && rate > 0) {
      throw new IllegalArgumentException("rate in 0..1 with at least one fault");
    }
    this.rate = rate;
    this.random = new Random(seed);
    this.randomFaults = List.copyOf(faults);
  }

  synchronized void clear() {
    queued.clear();
    rate = 0;
  }

  synchronized Fault next(String path) {
    Deque<Queued> faults = queued.get(path);
    if (faults != null && !faults.isEmpty()) {
      Queued head = faults.peek();
      if (--head.remaining()[0] == 0) {
        faults.poll();
      }
      return head.fault();
    }
    if (rate > 0 && random.nextDouble() < rate) {
      return randomFaults.get(random.nextInt(randomFaults.size()));
    }
    return null;
  }
}
