package io.github.wechatqr.it;

import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.Fault;
import io.github.wechatqr.testkit.JournalEntry;
import io.github.wechatqr.testkit.RequestJournal;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What a soak produced, copied out of the rig so that nothing of it stays reachable: the operations,
 * the violations the workers saw, the fake's journal in numbers, the faults injected, and thread counts.
 *
 * @param ops every operation
 * @param violations what the workers found wrong
 * @param requests upstream requests by path
 * @param errcodes upstream answers by errcode (faulted or not)
 * @param statuses upstream answers by HTTP status; 0 for a dropped connection
 * @param injected the faults injected, by kind
 * @param length how long the soak ran
 * @param threadsDuring live threads at the end of the run, before closing
 */
record SoakResult(List<SoakOp> ops, List<String> violations, Map<String, Long> requests,
    Map<Integer, Long> errcodes, Map<Integer, Long> statuses, Map<Fault, Long> injected, Duration length,
    int threadsDuring) {

  static SoakResult of(List<SoakOp> ops, List<String> violations, RequestJournal journal, Duration length,
      int threadsDuring) {
    List<JournalEntry> entries = journal.entries();
    return new SoakResult(List.copyOf(ops), List.copyOf(violations),
        counted(entries.stream().map(JournalEntry::path).toList()),
        counted(entries.stream().filter(e -> e.errcode() != null).map(JournalEntry::errcode).toList()),
        counted(entries.stream().map(JournalEntry::status).toList()),
        FaultReplay.injected(SoakRig.FAULT_RATE, SoakRig.FAULT_SEED, SoakRig.FAULTS, entries.size()),
        length, threadsDuring);
  }

  private static <K> Map<K, Long> counted(List<K> keys) {
    return keys.stream().collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
  }

  long upstream() {
    return requests.values().stream().mapToLong(Long::longValue).sum();
  }

  long upstream(String path) {
    return requests.getOrDefault(path, 0L);
  }

  long errcode(int errcode) {
    return errcodes.getOrDefault(errcode, 0L);
  }

  long status(int status) {
    return statuses.getOrDefault(status, 0L);
  }

  long injected(Fault fault) {
    return injected.getOrDefault(fault, 0L);
  }

  long injected(Class<? extends Fault> kind) {
    return injected.entrySet().stream().filter(e -> kind.isInstance(e.getKey())).mapToLong(Map.Entry::getValue).sum();
  }

  long count(SoakOp.Kind... kinds) {
    return ops.stream().filter(op -> Arrays.asList(kinds).contains(op.kind())).count();
  }

  long successes() {
    return ops.stream().filter(SoakOp::succeeded).count();
  }

  /**
   * @return operations by outcome, e.g. {@code ok}, {@code QuotaExceeded 45009},
   *     {@code UpstreamUnavailable (timeout)}
   */
  Map<String, Long> outcomes() {
    return counted(ops.stream().map(SoakOp::outcome).toList());
  }

  /**
   * @return how many distinct failures ended operations this way: callers that joined an identical call
   *     under way (the service's and the token store's single flights) share its very exception, so one
   *     failed upstream call can end several operations
   */
  long distinct(String outcome) {
    return distinct(op -> !op.succeeded() && op.outcome().equals(outcome));
  }

  long distinct(Class<?> type) {
    return distinct(op -> type.isInstance(op.failure()));
  }

  private long distinct(Predicate<SoakOp> which) {
    return ops.stream().filter(which).map(op -> (Object) op.failure())
        .collect(Collectors.toCollection(() -> Collections.newSetFromMap(new IdentityHashMap<>())))
        .size();
  }

  /** @return the latency at {@code percent} of the operations of these kinds, in milliseconds */
  double percentileMillis(double percent, SoakOp.Kind... kinds) {
    long[] sorted = ops.stream().filter(op -> Arrays.asList(kinds).contains(op.kind()))
        .mapToLong(SoakOp::nanos).sorted().toArray();
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  /** @return the figures as Markdown */
  String markdown(CallBudget budget, int threads, int threadsBefore, int leaked) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("%d threads for %d s, %.0f %% of upstream requests faulted (seed %d).%n%n", threads,
        length.toSeconds(), SoakRig.FAULT_RATE * 100, SoakRig.FAULT_SEED));
    out.append("| operation | count | ok | p50 ms | p99 ms | max ms | budget ms |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (SoakOp.Kind kind : SoakOp.Kind.values()) {
      long ok = ops.stream().filter(op -> op.kind() == kind && op.succeeded()).count();
      long max = ops.stream().filter(op -> op.kind() == kind).mapToLong(SoakOp::nanos).max().orElse(0);
      out.append(String.format("| %s | %d | %d | %.1f | %.1f | %.1f | %s |%n", kind.name().toLowerCase(),
          count(kind), ok, percentileMillis(50, kind), percentileMillis(99, kind), max / 1e6,
          budgetOf(kind, budget).toMillis()));
    }
    out.append(String.format("| all | %d | %d | %.1f | %.1f | | |%n%n", ops.size(), successes(),
        percentileMillis(50, SoakOp.Kind.values()), percentileMillis(99, SoakOp.Kind.values())));
    out.append("| outcome | operations | distinct failures |\n|---|---:|---:|\n");
    outcomes().forEach((outcome, count) -> out.append("| ").append(outcome).append(" | ").append(count)
        .append(" | ").append(outcome.equals("ok") ? "" : Long.toString(distinct(outcome))).append(" |\n"));
    out.append("\n| fault injected | requests |\n|---|---:|\n");
    injected.forEach((fault, count) ->
        out.append("| ").append(describe(fault)).append(" | ").append(count).append(" |\n"));
    out.append(String.format("%n- upstream requests: %d (token %d, create %d, showqrcode %d)%n", upstream(),
        upstream(FakeWeChatServer.TOKEN), upstream(FakeWeChatServer.CREATE), upstream(FakeWeChatServer.SHOW_QRCODE)));
    out.append(String.format("- upstream requests per successful operation: %.3f; per successful issue or download"
            + " (the operations that call upstream): %.3f%n", (double) upstream() / successes(),
        (double) upstream() / ops.stream().filter(op -> op.succeeded() && callsUpstream(op.kind())).count()));
    out.append(String.format("- bounds from the retry policy: at most %d requests per issue, %d per download%n",
        budget.requestsPerIssue(), budget.requestsPerDownload()));
    out.append(String.format("- expired codes served: %d; other violations: %d%n",
        violations.stream().filter(v -> v.contains("expired")).count(),
        violations.stream().filter(v -> !v.contains("expired")).count()));
    out.append(String.format("- threads: %d before, %d at the end of the run, %d left after closing%n",
        threadsBefore, threadsDuring, leaked));
    return out.toString();
  }

  static boolean callsUpstream(SoakOp.Kind kind) {
    return kind == SoakOp.Kind.ISSUE_TEMPORARY || kind == SoakOp.Kind.ISSUE_PERMANENT || kind == SoakOp.Kind.DOWNLOAD;
  }

  /** @return how long an operation of this kind may take, given the gateway's call budget */
  static Duration budgetOf(SoakOp.Kind kind, CallBudget budget) {
    return switch (kind) {
      case ISSUE_TEMPORARY, ISSUE_PERMANENT -> budget.issue();
      case DOWNLOAD -> budget.download();
      case RESOLVE -> FaultSoakTest.PUSH_BUDGET;
      case LOOKUP -> budget.slack();
    };
  }

  private static String describe(Fault fault) {
    if (fault instanceof Fault.Errcode errcode) {
      return "errcode " + errcode.errcode();
    }
    if (fault instanceof Fault.Status status) {
      return "HTTP " + status.status();
    }
    if (fault instanceof Fault.Delay delay) {
      return "answer delayed " + delay.delay().toMillis() + " ms";
    }
    return "connection dropped mid-answer";
  }
}
