package io.github.wechatqr.events;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * HTTP/1.1 by hand over a plain socket on 127.0.0.1, for tests that need to send exactly what they say
 * (a path the JDK's client would normalise, a Content-Length the body does not match) and to see when
 * the server closes the connection.
 */
final class RawHttp {
  private RawHttp() {}

  /** An answer as read off the wire; {@code status} is -1 if the server closed before a status line. */
  record Answer(int status, String head, String body, boolean closed) {}

  /** @return the query string of a signed request, encoded */
  static String query(Map<String, String> query) {
    return query.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /** @return the request's bytes: the head, then the body, with a Content-Length that matches */
  static byte[] request(String method, String target, byte[] body) {
    String head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        + "Content-Type: text/xml\r\nContent-Length: " + body.length + "\r\n\r\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** Sends one request on a new connection and reads the answer (at most 5 s). */
  static Answer exchange(URI server, byte[] request) throws IOException {
    try (Socket socket = connect(server)) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      return read(socket.getInputStream());
    }
  }

  static Socket connect(URI server) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", server.getPort()), 5_000);
    return socket;
  }

  /**
   * Reads a status line, headers and a Content-Length body, then whether the server closed the
   * connection right after (within the socket's timeout).
   */
  static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    try {
      while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          return new Answer(-1, head.toString(StandardCharsets.ISO_8859_1), "", true);
        }
        head.write(b);
      }
    } catch (IOException e) {
      return new Answer(-1, head.toString(StandardCharsets.ISO_8859_1), "", true);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int status = Integer.parseInt(text.substring(9, 12));
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    byte[] body = in.readNBytes(length);
    boolean closed;
    try {
      closed = in.read() < 0;
    } catch (SocketTimeoutException e) {
      closed = false;
    } catch (IOException e) {
      closed = true;
    }
    return new Answer(status, text, new String(body, StandardCharsets.UTF_8), closed);
  }
}
