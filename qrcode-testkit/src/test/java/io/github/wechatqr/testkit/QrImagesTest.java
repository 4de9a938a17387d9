package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QrImagesTest {

  @Test
  void a_rendered_jpeg_is_a_real_jpeg_of_wechats_size() throws Exception {
    byte[] jpeg = QrImages.jpeg("http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI");
    assertThat(jpeg).startsWith((byte) 0xFF, (byte) 0xD8);
    BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
    assertThat(image.getWidth()).isEqualTo(QrImages.SIZE);
    assertThat(image.getHeight()).isEqualTo(QrImages.SIZE);
  }

  /** URLs whose clean renders ZXing's finder-pattern search misses: read only by the pure-barcode fallback. */
  @ParameterizedTest
  @ValueSource(strings = {"http://weixin.qq.com/q/k67HbzE0wEWRnSbUX1K71Z",
      "http://weixin.qq.com/q/cQ0HtFMAmt7cAxwvgdIbR4", "http://weixin.qq.com/q/zzNg207agU2C5gcNh2jC06",
      "http://weixin.qq.com/q/B6TzdGNtrcmMdQd9ftVnaz", "http://weixin.qq.com/q/3fuvsUwBpcGSVPfgfKDmAf"})
  void every_rendered_code_reads_back_including_those_the_finder_search_misses(String url) {
    assertThat(QrImages.decode(QrImages.jpeg(url))).isEqualTo(url);
  }

  @Test
  void bytes_that_are_no_image_or_hold_no_code_are_refused() throws Exception {
    assertThatThrownBy(() -> QrImages.decode(new byte[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an image");
    BufferedImage blank = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(blank, "png", png);
    assertThatThrownBy(() -> QrImages.decode(png.toByteArray()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("no readable QR code in the image");
  }
}
