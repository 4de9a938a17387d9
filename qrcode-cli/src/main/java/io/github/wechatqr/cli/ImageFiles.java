package io.github.wechatqr.cli;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.CRC32;

/** Stable, collision-free, filesystem-safe image names for batch rows. */
final class ImageFiles {
  private ImageFiles() {}

  /** e.g. {@code temporary-str-shop_1-1a2b3c4d.jpg}: readable part plus a checksum of the exact scene. */
  static String name(String type, String scene) {
    String readable = scene.replaceAll("[^A-Za-z0-9._-]", "_");
    if (readable.length() > 40) {
      readable = readable.substring(0, 40);
    }
    CRC32 crc = new CRC32();
    crc.update(scene.getBytes(StandardCharsets.UTF_8));
    String kind = type.toLowerCase(Locale.ROOT).replace('_', '-');
    return kind + "-" + readable + "-" + HexFormat.of().toHexDigits((int) crc.getValue()) + ".jpg";
  }
}
