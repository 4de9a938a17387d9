package io.github.wechatqr.domain;

import java.nio.charset.StandardCharsets;

/**
 * The opaque ticket WeChat returns for a created code; it is exchanged for the image and comes back in
 * scan pushes. Tickets are base64 and contain {@code +}, {@code /} and {@code =}, so they must be
 * {@linkplain #urlEncoded() URL-encoded} in a query string. Not a secret: anyone holding it can fetch the image.
 *
 * @param value the ticket as WeChat sent it
 */
public record Ticket(String value) {
  private static final String HEX = "0123456789ABCDEF";

  /** Rejects a missing or blank ticket. */
  public Ticket {
    if (value == null || value.isBlank()) {
      throw new InvalidQrCodeRequest("ticket", value == null ? null : "\"" + value + "\"", "non-blank");
    }
  }

  /**
   * Percent-encodes the ticket once, strictly (RFC 3986: every byte of its UTF-8 form but
   * {@code A-Z a-z 0-9 - . _ ~} becomes {@code %HH}), so {@code +} becomes {@code %2B}, {@code /}
   * {@code %2F} and {@code =} {@code %3D}. The result holds nothing an HTTP client re-encodes.
   *
   * @return the ticket, ready for a query string
   */
  public String urlEncoded() {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder encoded = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
          || c == '-' || c == '.' || c == '_' || c == '~') {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xF));
      }
    }
    return encoded.toString();
  }

  @Override
  public String toString() {
    return value;
  }
}
