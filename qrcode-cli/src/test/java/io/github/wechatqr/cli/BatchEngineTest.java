package io.github.wechatqr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.QrImages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchEngineTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final InMemoryQrCodeGateway gateway = new InMemoryQrCodeGateway(clock);
  private final StringWriter printed = new StringWriter();
  @TempDir
  Path dir;

  private BatchEngine.Summary run(List<BatchRow> rows, Duration expire) throws Exception {
    // A fresh service per run, as a re-run of the command would have: nothing shared but the manifest.
    QrCodeService service = new QrCodeService(gateway, new InMemoryQrCodeStore(clock), clock);
    try (Progress progress = Progress.of(rows.size(), false, new PrintWriter(printed))) {
      return new BatchEngine(service, dir, 4, expire).run(rows, progress);
    }
  }

  private static List<BatchRow> rows(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> new BatchRow(i, "scene-" + i, false)).toList();
  }

  private List<List<String>> manifest() throws Exception {
    return Files.readAllLines(dir.resolve(Manifest.FILE)).stream().skip(1).map(Csv::split).toList();
  }

  @Test
  void every_row_gets_an_image_that_decodes_to_its_url_and_a_manifest_line() throws Exception {
    BatchEngine.Summary summary = run(rows(10), Duration.ofDays(30));
    assertThat(summary).isEqualTo(new BatchEngine.Summary(10, 0, 0, 0));
    assertThat(manifest()).hasSize(10).allSatisfy(line -> {
      assertThat(line.get(6)).isEqualTo("done");
      assertThat(QrImages.decode(Files.readAllBytes(dir.resolve(line.get(5))))).isEqualTo(line.get(3));
    });
    assertThat(Files.readAllLines(dir.resolve(Manifest.FILE)).get(0))
        .isEqualTo("scene,type,ticket,url,expiresAt,file,status,error");
    assertThat(printed.toString()).contains("progress 10/10");
  }

  @Test
  void a_re_run_skips_done_rows_and_retries_failed_ones_without_creating_done_rows_again() throws Exception {
    gateway.failNextIssue(new UpstreamUnavailable("down"));
    gateway.failNextIssue(new UpstreamUnavailable("down"));
    BatchEngine.Summary first = run(rows(6), null);
    assertThat(first.done()).isEqualTo(4);
    assertThat(first.failed()).isEqualTo(2);
    assertThat(first.exitCode()).isEqualTo(ExitCodes.UPSTREAM_DOWN);
    int createsSoFar = gateway.issueCount();

    BatchEngine.Summary second = run(rows(6), null);
    assertThat(second).isEqualTo(new BatchEngine.Summary(2, 4, 0, 0));
    assertThat(gateway.issueCount()).isEqualTo(createsSoFar + 2);
    assertThat(manifest()).filteredOn(line -> line.get(6).equals("failed")).hasSize(2)
        .allSatisfy(line -> assertThat(line.get(7)).isEqualTo("down"));
  }

  @Test
  void an_invalid_scene_fails_its_row_only_and_says_why() throws Exception {
    List<BatchRow> rows = List.of(new BatchRow(1, "100001", false), new BatchRow(2, "ok", false));
    BatchEngine.Summary summary = run(rows, null);
    assertThat(summary).isEqualTo(new BatchEngine.Summary(1, 0, 1, ExitCodes.INVALID_INPUT));
    assertThat(manifest()).filteredOn(line -> line.get(6).equals("failed")).singleElement()
        .satisfies(line -> assertThat(line.get(7)).contains("scene_id must be 1..100000"));
  }

  @Test
  void a_torn_last_line_from_a_hard_kill_counts_as_not_done() throws Exception {
    run(rows(2), null);
    Files.writeString(dir.resolve(Manifest.FILE), "scene-3,PERMANENT_STR,tick", java.nio.file.StandardOpenOption.APPEND);
    assertThat(run(rows(3), null)).isEqualTo(new BatchEngine.Summary(1, 2, 0, 0));
  }

  @Test
  void a_row_whose_image_file_vanished_is_done_again() throws Exception {
    run(rows(1), null);
    Files.delete(dir.resolve(manifest().get(0).get(5)));
    assertThat(run(rows(1), null)).isEqualTo(new BatchEngine.Summary(1, 0, 0, 0));
  }

  @Test
  void rows_repeating_a_scene_are_made_once_and_reported_with_their_lines() throws Exception {
    List<BatchRow> rows = List.of(new BatchRow(2, "a", false), new BatchRow(3, "a", false),
        new BatchRow(4, "7", false), new BatchRow(5, "7", true), new BatchRow(6, "a", false));
    BatchEngine.Summary summary = run(rows, null);
    assertThat(summary.done()).as("\"7\" as an id and as a string are two scenes").isEqualTo(3);
    assertThat(summary.duplicates()).extracting(d -> d.row().line(), d -> d.first().line(), BatchEngine.Duplicate::type)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(3, 2, "PERMANENT_STR"),
            org.assertj.core.groups.Tuple.tuple(6, 2, "PERMANENT_STR"));
    assertThat(gateway.issueCount()).isEqualTo(3);
    assertThat(manifest()).hasSize(3);
  }

  @Test
  void concurrency_is_bounded_to_a_sane_range() {
    QrCodeService service = new QrCodeService(gateway, new InMemoryQrCodeStore(clock), clock);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BatchEngine(service, dir, 0, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--concurrency");
  }
}
