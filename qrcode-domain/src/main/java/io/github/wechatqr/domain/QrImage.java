package io.github.wechatqr.domain;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * The image of a code as {@code showqrcode} served it (WeChat sends a JPEG).
 *
 * @param bytes the image bytes; copied in and out, so an instance is immutable
 * @param contentType the {@code Content-Type} sent, e.g. {@code image/jpg}
 * @param maxAge the {@code Cache-control: max-age} sent; {@code null} when there was none
 */
public record QrImage(byte[] bytes, String contentType, Duration maxAge) {
  /** Copies the bytes and checks that there are some. */
  public QrImage {
    Objects.requireNonNull(contentType, "contentType");
    if (bytes == null || bytes.length == 0) {
      throw new IllegalArgumentException("an image has bytes");
    }
    bytes = bytes.clone();
  }

  /** @return a copy of the image bytes */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Returns the number of bytes, without copying them. */
  public int size() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof QrImage that
        && Arrays.equals(bytes, that.bytes)
        && contentType.equals(that.contentType)
        && Objects.equals(maxAge, that.maxAge);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(bytes) + contentType.hashCode()) + Objects.hashCode(maxAge);
  }

  @Override
  public String toString() {
    return "QrImage[" + bytes.length + " bytes, " + contentType + ", maxAge=" + maxAge + "]";
  }
}
