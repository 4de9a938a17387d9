package io.github.wechatqr.testkit;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws a content URL as a JPEG the way {@code showqrcode} serves it, and reads any QR image back.
 *
 * <pre>{@code
 * assertThat(QrImages.decode(gateway.download(code.ticket()).bytes())).isEqualTo(code.url());
 * }</pre>
 */
public final class QrImages {
  /** Side of the images WeChat serves, in pixels. */
  public static final int SIZE = 430;
  private static final Map<DecodeHintType, Object> SCAN = Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE,
      DecodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
  private static final Map<DecodeHintType, Object> PURE = Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE,
      DecodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());

  private QrImages() {}

  /**
   * Draws a QR code as a baseline JPEG.
   *
   * @param content the text to encode, usually the code's content URL
   * @return a baseline JPEG of the QR code
   */
  public static byte[] jpeg(String content) {
    try {
      BitMatrix matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, SIZE, SIZE,
          Map.of(EncodeHintType.MARGIN, 4, EncodeHintType.CHARACTER_SET, "UTF-8",
              EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
      BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < SIZE; y++) {
        for (int x = 0; x < SIZE; x++) {
          image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
      ImageIO.write(image, "jpg", out);
      return out.toByteArray();
    } catch (com.google.zxing.WriterException e) {
      throw new IllegalArgumentException("cannot encode as a QR code: " + content, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the text of the QR code in an image.
   *
   * @param image the bytes of a JPEG, PNG or any format ImageIO reads
   * @return the text the QR code in it carries
   * @throws IllegalArgumentException if the bytes are no image or hold no readable QR code
   */
  public static String decode(byte[] image) {
    BufferedImage picture;
    try {
      picture = ImageIO.read(new ByteArrayInputStream(image));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (picture == null) {
      throw new IllegalArgumentException("not an image ImageIO can read (" + image.length + " bytes)");
    }
    BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(picture)));
    try {
      return new QRCodeReader().decode(bitmap, SCAN).getText();
    } catch (NotFoundException | ChecksumException | FormatException scanFailed) {
      // ZXing's finder-pattern search misses a few percent of perfectly clean renders; such an image is a
      // "pure" barcode (axis-aligned, one code, quiet zone), which ZXing reads directly.
      try {
        return new QRCodeReader().decode(bitmap, PURE).getText();
      } catch (NotFoundException | ChecksumException | FormatException e) {
        e.addSuppressed(scanFailed);
        throw new IllegalArgumentException("no readable QR code in the image", e);
      }
    }
  }
}
