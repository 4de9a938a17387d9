package io.github.wechatqr.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Tickets shaped like WeChat's: base64 of a small tag-length-value record with the content URL and the
 * create and expire times. A fixed marker makes every ticket carry {@code +} and {@code /}, and the length
 * is chosen so it always ends in {@code ==}, so clients that forget URL encoding fail every time.
 */
final class TicketCodec {
  // 0x81 0x01 0xF8 opens like real tickets ("gQH4"); FB FF BF encodes to "+/+/".
  private static final byte[] HEADER = {(byte) 0x81, 0x01, (byte) 0xF8, (byte) 0xFB, (byte) 0xFF, (byte) 0xBF};

  private TicketCodec() {}

  static String encode(long serial, String url, Instant createdAt, long expireSeconds) {
    byte[] urlBytes = url.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + urlBytes.length);
    out.writeBytes(HEADER);
    out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(serial).array());
    out.write(0x01);
    out.write(urlBytes.length);
    out.writeBytes(urlBytes);
    out.write(0x02);
    out.write(Integer.BYTES);
    out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt((int) createdAt.getEpochSecond()).array());
    out.write(0x03);
    out.write(Integer.BYTES);
    out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt((int) expireSeconds).array());
    while (out.size() % 3 != 1) { // n % 3 == 1 is what base64 pads with "=="
      out.write(0);
    }
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }

  /** The content URL a ticket carries, or null if it is not one of ours. */
  static String url(String ticket) {
    try {
      ByteBuffer in = ByteBuffer.wrap(Base64.getDecoder().decode(ticket));
      in.position(HEADER.length + Long.BYTES);
      if (in.get() != 0x01) {
        return null;
      }
      byte[] url = new byte[Byte.toUnsignedInt(in.get())];
      in.get(url);
      return new String(url, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
      return null;
    }
  }
}
