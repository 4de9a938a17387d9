package io.github.wechatqr.feign;

import io.github.wechatqr.domain.Ticket;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes a ticket once, strictly (RFC 3986: everything but {@code A-Z a-z 0-9 - . _ ~}). The
 * result holds nothing but unreserved characters and {@code %HH}, which Feign passes through untouched,
 * so the wire and {@link FeignQrCodeGateway#imageUrl(Ticket)} carry the same text. For base64 tickets it
 * equals {@link Ticket#urlEncoded()}.
 */
final class TicketEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private TicketEncoding() {}

  static String encode(Ticket ticket) {
    byte[] bytes = ticket.value().getBytes(StandardCharsets.UTF_8);
    StringBuilder encoded = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (unreserved(c)) {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return encoded.toString();
  }

  private static boolean unreserved(int c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
        || c == '-' || c == '.' || c == '_' || c == '~';
  }
}
