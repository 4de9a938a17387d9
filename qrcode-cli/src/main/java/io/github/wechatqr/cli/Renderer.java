package io.github.wechatqr.cli;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Draws a content URL as a QR code locally, as PNG or SVG: no network, no ticket needed. */
final class Renderer {
  private static final Map<EncodeHintType, Object> HINTS = Map.of(EncodeHintType.MARGIN, 4,
      EncodeHintType.CHARACTER_SET, "UTF-8", EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);

  private Renderer() {}

  static void write(String content, Path out, int size) throws IOException {
    if (size < 64 || size > 8192) {
      throw new IllegalArgumentException("--size must be 64..8192 pixels, was " + size);
    }
    String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".png")) {
      MatrixToImageWriter.writeToPath(matrix(content, size), "PNG", out);
    } else if (name.endsWith(".svg")) {
      Files.writeString(out, svg(matrix(content, 0), size), StandardCharsets.UTF_8);
    } else {
      throw new IllegalArgumentException("--out must end in .png or .svg, was " + out.getFileName());
    }
  }

  /** One path of unit squares over a viewBox in modules, scaled to {@code size}: crisp at any zoom. */
  static String svg(BitMatrix modules, int size) {
    int n = modules.getWidth();
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        if (modules.get(x, y)) {
          path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + size + "\" height=\"" + size
        + "\" viewBox=\"0 0 " + n + " " + n + "\" shape-rendering=\"crispEdges\">"
        + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>\n";
  }

  private static BitMatrix matrix(String content, int size) {
    try {
      return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, size, size, HINTS);
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot encode as a QR code: " + e.getMessage(), e);
    }
  }
}
