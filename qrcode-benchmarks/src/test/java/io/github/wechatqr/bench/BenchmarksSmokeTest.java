package io.github.wechatqr.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every JMH benchmark of this module once, in this JVM, as briefly as JMH allows (no fork, no
 * warm-up, one 100 ms iteration), so that each compiles, sets up, runs and tears down in every build.
 * The figures mean nothing here: {@code bench/run.sh} measures. The harnesses behind the other scenarios
 * run a small round each.
 */
class BenchmarksSmokeTest {

  @Test
  void every_benchmark_runs_once_and_scores() throws RunnerException, IOException {
    List<String> listed = listedBenchmarks();
    assertThat(listed).hasSizeGreaterThanOrEqualTo(12).contains(
        "io.github.wechatqr.bench.ColdCreateOneThread.rawHc5",
        "io.github.wechatqr.bench.ColdCreateSixteenThreads.rawHc5");
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include("^io\\.github\\.wechatqr\\.bench\\.")
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(100))
        .shouldFailOnError(true)
        .verbosity(VerboseMode.SILENT)
        .build()).run();
    Map<String, RunResult> byName = results.stream()
        .collect(Collectors.toMap(r -> r.getParams().getBenchmark(), Function.identity()));
    assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(listed);
    assertThat(byName.values()).allSatisfy(result ->
        assertThat(result.getPrimaryResult().getScore()).as(result.getParams().getBenchmark()).isPositive());
  }

  @Test
  void a_thousand_identical_requests_cause_one_create_and_one_token_fetch() throws InterruptedException {
    ConcurrentIdenticalRequests.Round round =
        ConcurrentIdenticalRequests.round(ConcurrentIdenticalRequests.DEFAULT_REQUESTS);
    assertThat(round.creates()).isEqualTo(1);
    assertThat(round.tokenFetches()).isEqualTo(1);
    assertThat(round.millis()).isPositive();
  }

  @Test
  void the_batch_engine_and_both_hand_written_loops_each_write_every_image() throws Exception {
    assertThat(BatchComparison.engine(20, 4)).isPositive();
    assertThat(BatchComparison.hc5(20, 4)).isPositive();
    assertThat(BatchComparison.raw(20, 4)).isPositive();
  }

  /**
   * Every benchmark the annotation processor generated, as {@code class.method}: a line of
   * {@code META-INF/BenchmarkList} reads {@code JMH S n <class> S n <generated class> S n <method> ...}.
   */
  private static List<String> listedBenchmarks() throws IOException {
    try (InputStream in = BenchmarksSmokeTest.class.getResourceAsStream("/META-INF/BenchmarkList")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(line -> line.split(" "))
          .map(tokens -> tokens[3] + "." + tokens[9])
          .toList();
    }
  }
}
