package io.github.wechatqr.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QrImageTest {

  @Test
  void the_bytes_are_copied_in_and_out_so_the_image_cannot_be_changed() {
    byte[] original = {1, 2, 3};
    QrImage image = new QrImage(original, "image/jpg", Duration.ofDays(7));
    original[0] = 9;
    image.bytes()[1] = 9;
    assertThat(image.bytes()).containsExactly(1, 2, 3);
    assertThat(image.size()).isEqualTo(3);
  }

  @Test
  void equality_compares_content() {
    QrImage a = new QrImage(new byte[] {1, 2}, "image/jpg", null);
    assertThat(a).isEqualTo(new QrImage(new byte[] {1, 2}, "image/jpg", null))
        .hasSameHashCodeAs(new QrImage(new byte[] {1, 2}, "image/jpg", null))
        .isNotEqualTo(new QrImage(new byte[] {1, 3}, "image/jpg", null))
        .isNotEqualTo(new QrImage(new byte[] {1, 2}, "image/png", null))
        .isNotEqualTo(new QrImage(new byte[] {1, 2}, "image/jpg", Duration.ofSeconds(1)))
        .isNotEqualTo("not an image");
    assertThat(a.toString()).isEqualTo("QrImage[2 bytes, image/jpg, maxAge=null]");
  }

  @Test
  void an_image_has_bytes() {
    assertThatThrownBy(() -> new QrImage(new byte[0], "image/jpg", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new QrImage(null, "image/jpg", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
