package io.github.wechatqr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wechatqr.testkit.Await;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.Fault;
import io.github.wechatqr.testkit.JournalEntry;
import io.github.wechatqr.testkit.QrImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch process stopped midway (SIGTERM, as Ctrl-C) and run again: no finished row is lost, and no
 * finished row is created upstream a second time.
 */
class BatchResumeIT {
  private static final int ROWS = 200;
  @TempDir
  Path dir;

  @Test
  void a_batch_stopped_midway_resumes_without_recreating_finished_rows() throws Exception {
    Path input = Files.write(dir.resolve("scenes.csv"),
        IntStream.rangeClosed(1, ROWS).mapToObj(i -> "row-" + i + ",str").toList());
    Path out = dir.resolve("out");
    try (FakeWeChatServer fake = FakeWeChatServer.start()) {
      fake.failNext(FakeWeChatServer.CREATE, Fault.delay(Duration.ofMillis(30)), ROWS * 2); // slow enough to stop
      String[] batch = {"batch", "--api-base", fake.baseUri().toString(), "--mp-base", fake.baseUri().toString(),
          "--appid", fake.appId(), "--secret", fake.secret(), "--input", input.toString(), "--out", out.toString(),
          "--temporary", "--expire", "1h", "--concurrency", "2"};
      try (JarProcess first = JarProcess.start(batch)) {
        awaitDoneRows(out, 20);
        first.interrupt(Duration.ofSeconds(30));
      }
      Set<String> doneFirst = doneScenes(out);
      assertThat(doneFirst).hasSizeGreaterThanOrEqualTo(20).hasSizeLessThan(ROWS);

      JarProcess second = JarProcess.run(Duration.ofSeconds(120), batch);
      assertThat(second.exit()).as(second.err()).isZero();
      assertThat(second.out()).contains("skipped " + doneFirst.size() + ", failed 0");
      assertThat(doneScenes(out)).hasSize(ROWS);

      Map<String, Long> createsPerScene = fake.journal().entries(FakeWeChatServer.CREATE).stream()
          .map(BatchResumeIT::scene).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
      assertThat(doneFirst).allSatisfy(scene -> assertThat(createsPerScene.get(scene)).as(scene).isEqualTo(1));
      for (List<String> row : manifest(out)) {
        assertThat(QrImages.decode(Files.readAllBytes(out.resolve(row.get(5))))).isEqualTo(row.get(3));
      }
    }
  }

  private static void awaitDoneRows(Path out, int rows) throws Exception {
    Await.until(rows + " rows done in the manifest", () -> {
      try {
        return doneScenes(out).size();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, done -> done >= rows, Duration.ofSeconds(60));
  }

  private static Set<String> doneScenes(Path out) throws Exception {
    return manifest(out).stream().map(row -> row.get(0)).collect(Collectors.toSet());
  }

  private static List<List<String>> manifest(Path out) throws Exception {
    Path file = out.resolve(Manifest.FILE);
    if (!Files.exists(file)) {
      return List.of();
    }
    return Files.readAllLines(file).stream().skip(1).map(line -> {
      try {
        return Csv.split(line);
      } catch (IllegalArgumentException torn) {
        return List.<String>of();
      }
    }).filter(row -> row.size() == Manifest.HEADER.size() && row.get(6).equals(Manifest.DONE)).toList();
  }

  private static String scene(JournalEntry create) {
    try {
      JsonNode body = CodeOutput.JSON.readTree(create.body());
      return body.path("action_info").path("scene").path("scene_str").asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
