package io.github.wechatqr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.testkit.QrImages;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RendererTest {
  private static final String URL = "http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI";
  @TempDir
  Path dir;

  @Test
  void a_png_of_the_requested_size_decodes_back_to_the_url() throws Exception {
    Path png = dir.resolve("code.png");
    Renderer.write(URL, png, 300);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(300);
    assertThat(QrImages.decode(Files.readAllBytes(png))).isEqualTo(URL);
  }

  @Test
  void an_svg_is_one_crisp_path_that_decodes_back_once_rasterized() throws Exception {
    Path svg = dir.resolve("code.SVG");
    Renderer.write(URL, svg, 512);
    String text = Files.readString(svg);
    assertThat(text).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"512\" height=\"512\"")
        .contains("shape-rendering=\"crispEdges\"");
    assertThat(QrImages.decode(rasterize(text))).isEqualTo(URL);
  }

  @Test
  void unknown_formats_and_silly_sizes_are_refused() {
    assertThatThrownBy(() -> Renderer.write(URL, dir.resolve("code.gif"), 512))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".png or .svg");
    assertThatThrownBy(() -> Renderer.write(URL, dir.resolve("code.png"), 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--size");
  }

  /** Paints the SVG's unit squares at 8 px a module, enough to read the drawing back. */
  private static byte[] rasterize(String svg) throws Exception {
    int modules = Integer.parseInt(svg.replaceAll("(?s).*viewBox=\"0 0 (\\d+) .*", "$1"));
    BufferedImage image = new BufferedImage(modules * 8, modules * 8, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setColor(java.awt.Color.BLACK);
    var squares = java.util.regex.Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
    while (squares.find()) {
      g.fillRect(Integer.parseInt(squares.group(1)) * 8, Integer.parseInt(squares.group(2)) * 8, 8, 8);
    }
    var out = new java.io.ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
