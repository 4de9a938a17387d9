package io.github.wechatqr.feign;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written HTTP/1.1 server on 127.0.0.1 for answers no real server gives on purpose: a body
 * trickled a byte at a time, headers that never end, a Content-Length that lies, a chunked body without
 * end, a hang-up before the answer. Every connection runs on its own daemon thread; a {@link Script}
 * answers each request read on it. Bounded: {@link #close()} closes every socket, and scripts stop on
 * their own after at most {@link #MAX_SCRIPT}.
 */
final class RawServer implements AutoCloseable {
  static final Duration MAX_SCRIPT = Duration.ofSeconds(10);

  /** Answers one request on a connection. */
  @FunctionalInterface
  interface Script {
    /**
     * @param request the request head and body as read
     * @param out the connection's output
     * @return whether to read another request on this connection
     */
    boolean answer(Received request, OutputStream out) throws IOException, InterruptedException;
  }

  /** One request as received. */
  record Received(String head, byte[] body, int connection) {
    String requestLine() {
      return head.substring(0, head.indexOf("\r\n"));
    }

    String path() {
      String target = requestLine().split(" ")[1];
      int query = target.indexOf('?');
      return query < 0 ? target : target.substring(0, query);
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final ServerSocket server;
  private final Script script;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger mostOpen = new AtomicInteger();
  private final AtomicInteger closedByClient = new AtomicInteger();
  private final CountDownLatch firstClientClose = new CountDownLatch(1);

  RawServer(Script script) {
    this.script = script;
    try {
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::accept, "raw-server-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** @return every request read, in order */
  List<Received> received() {
    return List.copyOf(received);
  }

  /** @return how many connections were accepted */
  int connections() {
    return connections.get();
  }

  /** @return the most connections that were open at once */
  int mostOpen() {
    return mostOpen.get();
  }

  /**
   * Waits for the client to close (or reset) a connection while a script was writing or waiting.
   *
   * @return whether it did within the time given
   */
  boolean awaitClientClose(Duration within) throws InterruptedException {
    return firstClientClose.await(within.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException closed) {
        return;
      }
      sockets.add(socket);
      int id = connections.incrementAndGet();
      mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
      Thread connection = new Thread(() -> serve(socket, id), "raw-server-" + id);
      connection.setDaemon(true);
      connection.start();
    }
  }

  private void serve(Socket socket, int id) {
    try (socket) {
      socket.setSoTimeout((int) MAX_SCRIPT.toMillis());
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      while (true) {
        String head = readHead(in);
        if (head == null) {
          clientClosed();
          return;
        }
        byte[] body = in.readNBytes(contentLength(head));
        Received request = new Received(head, body, id);
        received.add(request);
        if (!script.answer(request, out)) {
          // wait for the client to hang up (or for close())
          if (in.read() < 0) {
            clientClosed();
          }
          return;
        }
      }
    } catch (HangUp e) {
      // the script closes the connection without an answer
    } catch (SocketException e) {
      clientClosed(); // reset by the client, or closed by close()
    } catch (IOException | InterruptedException e) {
      // the script's time ran out, or the test is over
    } finally {
      open.decrementAndGet();
    }
  }

  private void clientClosed() {
    if (!server.isClosed()) {
      closedByClient.incrementAndGet();
      firstClientClose.countDown();
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return 0;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket socket : sockets) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  // ---- scripts ----

  /** Thrown by {@link #hangUp()}. */
  private static final class HangUp extends IOException {
    private static final long serialVersionUID = 1L;
  }

  /** Closes the connection at once, without an answer. */
  static boolean hangUp() throws IOException {
    throw new HangUp();
  }

  /** A complete answer, then the next request on the same connection. */
  static boolean answer(OutputStream out, int status, String contentType, byte[] body) throws IOException {
    out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length
        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    return true;
  }

  /**
   * Writes {@code bytes} one at a time, {@code every} apart, for at most {@link #MAX_SCRIPT}.
   *
   * @return false: the connection is not reused
   */
  static boolean trickle(OutputStream out, byte[] bytes, Duration every) throws IOException, InterruptedException {
    long giveUp = System.nanoTime() + MAX_SCRIPT.toNanos();
    for (int i = 0; i < bytes.length && System.nanoTime() < giveUp; i++) {
      out.write(bytes[i]);
      out.flush();
      Thread.sleep(every.toMillis());
    }
    return false;
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
