package io.github.wechatqr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.testkit.QrImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir
  Path dir;

  @Test
  void the_demo_proves_every_step_and_leaves_decodable_images() throws Exception {
    Cli demo = Cli.run("demo", "--out", dir.toString());
    assertThat(demo.exit()).isZero();
    assertThat(demo.out()).contains("10 of 10 steps verified; upstream calls: token 1, create 4, showqrcode 4")
        .doesNotContain("[FAILED]");
    assertThat(demo.out().lines().filter(line -> line.contains("[ok]"))).hasSize(10);
    try (Stream<Path> images = Files.list(dir)) {
      assertThat(images.toList()).hasSize(4).allSatisfy(image ->
          assertThat(QrImages.decode(Files.readAllBytes(image))).startsWith("http://weixin.qq.com/q/"));
    }
  }
}
