package io.github.wechatqr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.testkit.QrImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job, as the README runs it: {@code java -jar qrcode-cli/target/qrcode.jar demo}. */
class DemoIT {
  @TempDir
  Path dir;

  @Test
  void the_demo_jar_runs_offline_and_exits_0_with_every_step_verified() throws Exception {
    JarProcess demo = JarProcess.run(Duration.ofSeconds(60), "demo", "--out", dir.toString());
    assertThat(demo.exit()).as(demo.err()).isZero();
    assertThat(demo.out()).contains("10 of 10 steps verified").doesNotContain("[FAILED]");
    assertThat(demo.err()).isEmpty();
    try (Stream<Path> images = Files.list(dir)) {
      assertThat(images.toList()).hasSize(4).allSatisfy(image ->
          assertThat(QrImages.decode(Files.readAllBytes(image))).startsWith("http://weixin.qq.com/q/"));
    }
  }
}
