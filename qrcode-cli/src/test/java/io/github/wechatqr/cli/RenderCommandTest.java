package io.github.wechatqr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.testkit.QrImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {
  @TempDir
  Path dir;

  @Test
  void render_draws_locally_and_the_png_decodes_to_the_url() throws Exception {
    Path png = dir.resolve("c.png");
    Cli rendered = Cli.run("render", "--url", "http://weixin.qq.com/q/abc", "--out", png.toString(), "--size", "256");
    assertThat(rendered.exit()).isZero();
    assertThat(QrImages.decode(Files.readAllBytes(png))).isEqualTo("http://weixin.qq.com/q/abc");
  }

  @Test
  void an_unsupported_format_is_invalid_input() {
    Cli refused = Cli.run("render", "--url", "http://x", "--out", dir.resolve("c.bmp").toString());
    assertThat(refused.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(refused.err()).contains(".png or .svg");
  }
}
