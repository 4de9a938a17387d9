package io.github.wechatqr.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link MemoryFootprint} (benchmark scenario 5, measured at 100,000 codes by {@code bench/run.sh})
 * on 2,000 codes in every build, so that it cannot rot. It forks a JVM with the flags JOL needs on JDK 17,
 * as the {@code memory-footprint} profile does.
 */
class MemoryFootprintSmokeTest {
  private static final Pattern PER_CODE = Pattern.compile("= ([\\d.]+) bytes per code");

  @Test
  void the_packed_store_retains_fewer_bytes_per_code_than_plain_domain_objects(@TempDir Path dir)
      throws IOException, InterruptedException {
    Path output = dir.resolve("footprint.txt");
    Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djol.magicFieldOffset=true", "-Djdk.attach.allowAttachSelf=true", "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), MemoryFootprint.class.getName(), "2000")
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    boolean ended = run.waitFor(2, TimeUnit.MINUTES);
    if (!ended) {
      run.destroyForcibly();
    }
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(ended).as("ended within 2 minutes").isTrue();
    assertThat(run.exitValue()).as(printed).isZero();

    Matcher perCode = PER_CODE.matcher(printed);
    List<Double> figures = perCode.results().map(m -> Double.parseDouble(m.group(1))).toList();
    assertThat(figures).as(printed).hasSize(2); // the baseline first, then CaffeineQrCodeStore
    assertThat(figures.get(1)).isPositive().isLessThan(figures.get(0));
  }
}
