package io.github.wechatqr.domain;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The opaque ticket WeChat returns for a created code; it is exchanged for the image and comes back in
 * scan pushes. Tickets are base64 and contain {@code +}, {@code /} and {@code =}, so they must be
 * {@linkplain #urlEncoded() URL-encoded} in a query string. Not a secret: anyone holding it can fetch the image.
 *
 * @param value the ticket as WeChat sent it
 */
public record Ticket(String value) {
  /** Rejects a missing or blank ticket. */
  public Ticket {
    if (value == null || value.isBlank()) {
      throw new InvalidQrCodeRequest("ticket", value == null ? null : "\"" + value + "\"", "non-blank");
    }
  }

  /** @return the ticket encoded once for a query string ({@code +} becomes {@code %2B} and so on) */
  public String urlEncoded() {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return value;
  }
}
