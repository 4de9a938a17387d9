package io.github.wechatqr.feign;

import feign.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;

/**
 * A Feign response body that is one byte array read off the wire by {@link Hc5Client}. The decoders
 * take the array itself ({@link #bytes(Response.Body)}), so an answer is never copied between the socket
 * and Jackson or the {@link io.github.wechatqr.domain.QrImage}.
 */
final class InMemoryBody implements Response.Body {
  private final byte[] bytes;

  InMemoryBody(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * @param body a response body, or {@code null}
   * @return its bytes: the array itself for an {@code InMemoryBody}, else read in full (a body re-buffered
   *     by a Feign logger at {@code HEADERS} or {@code FULL}); an empty array for no body
   * @throws IOException if a streamed body fails
   */
  static byte[] bytes(Response.Body body) throws IOException {
    if (body == null) {
      return new byte[0];
    }
    if (body instanceof InMemoryBody inMemory) {
      return inMemory.bytes;
    }
    try (InputStream in = body.asInputStream()) {
      return in.readAllBytes();
    }
  }

  @Override
  public Integer length() {
    return bytes.length;
  }

  @Override
  public boolean isRepeatable() {
    return true;
  }

  @Override
  public InputStream asInputStream() {
    return new ByteArrayInputStream(bytes);
  }

  @Override
  public Reader asReader(Charset charset) {
    return new InputStreamReader(asInputStream(), charset);
  }

  @Override
  public void close() {
    // nothing to release: the connection went back to the pool when the last byte was read
  }

  @Override
  public String toString() {
    return "InMemoryBody[" + bytes.length + " bytes]";
  }
}
