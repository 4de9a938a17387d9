package io.github.wechatqr.it;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** What the differential fuzzing saw, by kind of request and by outcome; printed as the report's table. */
final class FuzzTally {
  /** Accepted by the domain; a new code was created at the fake. */
  static final String CREATED = "accepted, created";
  /** Accepted by the domain; an equal earlier request's code was reused without an upstream call. */
  static final String REUSED = "accepted, reused from the store";
  /** Rejected by the domain, and by the fake when sent there directly. */
  static final String REJECTED_BY_BOTH = "rejected by both";

  private final Map<String, Map<String, AtomicLong>> byKind = new TreeMap<>();
  private final Map<String, AtomicLong> totals = new TreeMap<>();

  void count(FuzzCase rawCase, String outcome) {
    byKind.computeIfAbsent(outcome, o -> new TreeMap<>())
        .computeIfAbsent(rawCase.kind(), k -> new AtomicLong()).incrementAndGet();
    total("cases");
  }

  void total(String what) {
    totals.computeIfAbsent(what, w -> new AtomicLong()).incrementAndGet();
  }

  long total(String what, long orElse) {
    AtomicLong value = totals.get(what);
    return value == null ? orElse : value.get();
  }

  long outcome(String outcome) {
    return byKind.getOrDefault(outcome, Map.of()).values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** @return a Markdown table: one row per outcome, one column per kind, and the totals below */
  String markdown() {
    String[] kinds = {"temporary-id", "temporary-str", "permanent-id", "permanent-str"};
    StringBuilder out = new StringBuilder("| outcome | ").append(String.join(" | ", kinds)).append(" | all |\n")
        .append("|---|---:|---:|---:|---:|---:|\n");
    byKind.forEach((outcome, counts) -> {
      out.append("| ").append(outcome);
      for (String kind : kinds) {
        out.append(" | ").append(counts.getOrDefault(kind, new AtomicLong()).get());
      }
      out.append(" | ").append(outcome(outcome)).append(" |\n");
    });
    out.append('\n');
    totals.forEach((what, value) -> out.append("- ").append(what).append(": ").append(value.get()).append('\n'));
    return out.toString();
  }
}
