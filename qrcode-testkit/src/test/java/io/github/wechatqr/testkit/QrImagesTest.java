package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrImagesTest {
  @Test
  void a_drawn_url_reads_back() {
    String url = "http://weixin.qq.com/q/02abcDEF123456789xyzQW";

    assertThat(QrImages.decode(QrImages.jpeg(url))).isEqualTo(url);
  }

  @Test
  void urls_whose_codes_zxing_cannot_locate_by_finder_patterns_still_read_back() {
    // Found by qrcode-it's differential fuzzing: about 1 in 250 content URLs draw a code that ZXing's
    // finder-pattern search misses, even before JPEG compression.
    for (String url : new String[] {"http://weixin.qq.com/q/yHrDB3YuKoBgoJ9YGjuYuX",
        "http://weixin.qq.com/q/EVJCMRo771R8yhT3cX8Kl5", "http://weixin.qq.com/q/QYtzqXDTctMpL8rcZNEnCK"}) {
      assertThat(QrImages.decode(QrImages.jpeg(url))).isEqualTo(url);
    }
  }

  @Test
  void bytes_that_are_no_image_or_hold_no_code_are_refused() throws IOException {
    BufferedImage white = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
    white.getGraphics().fillRect(0, 0, 200, 200);
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageIO.write(white, "jpg", jpeg);

    assertThatThrownBy(() -> QrImages.decode(new byte[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an image");
    assertThatThrownBy(() -> QrImages.decode(jpeg.toByteArray())).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no readable QR code in the image");
  }
}
