package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, point 3: the de-duplication flood at a 128 MiB heap, in a JVM of its own ({@link DedupFlood}):
 * 100,000 pushes with a 60 KB FromUserName on one signed URL, then 100,000 with every field at its limit,
 * then a valid push that must be delivered once. No OutOfMemoryError, and the handler still answers.
 */
class DedupFloodTest {
  private static final int PUSHES = 100_000;

  @Test
  void a_flood_of_huge_and_of_distinct_pushes_at_a_128_mib_heap_leaves_the_handler_answering() throws Exception {
    Path out = Files.createDirectories(Path.of("target", "flood")).resolve("dedup-flood.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:+UseSerialGC",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp", System.getProperty("java.class.path"),
        DedupFlood.class.getName(), Integer.toString(PUSHES)))
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    boolean finished = child.waitFor(120, TimeUnit.SECONDS);
    if (!finished) {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String output = Files.readString(out, StandardCharsets.UTF_8);
    output.lines().filter(line -> line.startsWith("flood:") || line.contains("Error")).forEach(System.out::println);
    assertThat(finished).as("the flood ended within 120 s").isTrue();
    assertThat(output).doesNotContain("OutOfMemoryError").contains(": ok");
    assertThat(child.exitValue()).isZero();
  }
}
