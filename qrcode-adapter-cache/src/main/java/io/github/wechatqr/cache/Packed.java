package io.github.wechatqr.cache;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The byte format of {@link CompactCode}: unsigned and zig-zag varints, and texts as a form byte, a varint
 * length and the bytes. A text takes the smallest form that gives it back exactly: base64 decoded to its
 * bytes (tickets: 100 chars become 73 bytes), one byte per char (Latin-1) or two (UTF-16); a well-known
 * prefix such as WeChat's content-URL host is left out. Every form is one-to-one, so equal texts encode
 * to equal bytes and byte ranges can be compared instead of strings.
 */
final class Packed {
  static final String URL_PREFIX = "http://weixin.qq.com/q/";
  private static final int LATIN1 = 0;
  private static final int UTF16 = 1;
  private static final int BASE64 = 2;
  private static final int PREFIXED = 4;

  private Packed() {}

  /** Appends to a growing array. */
  static final class Writer {
    private byte[] bytes = new byte[160];
    private int size;

    Writer varint(long value) {
      while ((value & ~0x7FL) != 0) {
        put((byte) ((value & 0x7F) | 0x80));
        value >>>= 7;
      }
      return put((byte) value);
    }

    Writer zigzag(long value) {
      return varint((value << 1) ^ (value >> 63));
    }

    Writer text(String text) {
      int prefixed = text.startsWith(URL_PREFIX) && text.length() > URL_PREFIX.length() ? PREFIXED : 0;
      String rest = prefixed == 0 ? text : text.substring(URL_PREFIX.length());
      byte[] base64 = canonicalBase64(rest);
      if (base64 != null) {
        return form(BASE64 | prefixed, base64);
      }
      byte[] latin1 = rest.getBytes(StandardCharsets.ISO_8859_1);
      if (new String(latin1, StandardCharsets.ISO_8859_1).equals(rest)) {
        return form(LATIN1 | prefixed, latin1);
      }
      return form(UTF16 | prefixed, rest.getBytes(StandardCharsets.UTF_16BE));
    }

    byte[] toArray() {
      return Arrays.copyOf(bytes, size);
    }

    private Writer form(int form, byte[] content) {
      put((byte) form);
      varint(content.length);
      ensure(content.length);
      System.arraycopy(content, 0, bytes, size, content.length);
      size += content.length;
      return this;
    }

    private Writer put(byte b) {
      ensure(1);
      bytes[size++] = b;
      return this;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }
  }

  /** Reads from a position onwards. */
  static final class Reader {
    private final byte[] bytes;
    private int position;

    Reader(byte[] bytes, int position) {
      this.bytes = bytes;
      this.position = position;
    }

    int position() {
      return position;
    }

    long varint() {
      long value = 0;
      for (int shift = 0; ; shift += 7) {
        byte b = bytes[position++];
        value |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return value;
        }
      }
    }

    long zigzag() {
      long raw = varint();
      return (raw >>> 1) ^ -(raw & 1);
    }

    String text() {
      int form = bytes[position++];
      int length = (int) varint();
      int from = position;
      position += length;
      String rest = switch (form & ~PREFIXED) {
        case BASE64 -> Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, from, from + length));
        case LATIN1 -> new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        default -> new String(bytes, from, length, StandardCharsets.UTF_16BE);
      };
      return (form & PREFIXED) != 0 ? URL_PREFIX + rest : rest;
    }

    Reader skipText() {
      position++;
      int length = (int) varint();
      position += length;
      return this;
    }
  }

  /** The decoded bytes if {@code text} is base64 that encodes back to exactly itself, else null. */
  static byte[] canonicalBase64(String text) {
    int length = text.length();
    if (length == 0 || length % 4 != 0) {
      return null;
    }
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      boolean alphabet = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/';
      if (!alphabet && !(c == '=' && i >= length - 2)) {
        return null;
      }
    }
    try {
      byte[] decoded = Base64.getDecoder().decode(text);
      return Base64.getEncoder().encodeToString(decoded).equals(text) ? decoded : null;
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }

  /** The hash of {@code bytes[from, to)}, as {@link Arrays#hashCode(byte[])} would give for that range. */
  static int hash(byte[] bytes, int from, int to) {
    int hash = 1;
    for (int i = from; i < to; i++) {
      hash = 31 * hash + bytes[i];
    }
    return hash;
  }
}
