package io.github.wechatqr.feign;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.io.CloseMode;

/**
 * An HTTP/1.1 connection with a deadline on the whole answer and no logging of its own.
 *
 * <p><b>Deadline.</b> {@link ExchangeExecutor} arms the connection when an exchange starts; from then on,
 * before every read from the socket, the socket's {@code SO_TIMEOUT} is set to the time left, and a read
 * once the deadline has passed (or one that times out) fails with a {@link SocketTimeoutException}.
 * Headers and body are read through the same stream, so a server that trickles either is cut off at the
 * deadline, on the calling thread, without any timer thread. The failed answer's connection is then
 * closed by the caller ({@link Hc5Client}), never pooled. Returning the connection to the pool
 * ({@link #passivate}) or taking it out ({@link #activate}) disarms it.
 *
 * <p><b>No logging.</b> HttpClient's own connection writes the request line and headers to the logger
 * {@code org.apache.hc.client5.http.headers} and, when {@code org.apache.hc.client5.http.wire} is at
 * DEBUG, every byte through a logging socket holder. Only this connection sees the request with its
 * credentials (see {@link ExchangeExecutor}), so it never creates the logging holder and logs no
 * request or response head, whatever the log levels.
 */
final class DeadlineConnection extends DefaultManagedHttpClientConnection {
  private static final AtomicLong COUNTER = new AtomicLong();

  private final BooleanSupplier closed;

  // Written and read by the thread that holds the connection; the pool's lease and release order them.
  private boolean armed;
  private long deadlineNanos;
  private long budgetMillis;

  private DeadlineConnection(BooleanSupplier closed) {
    super("wechatqr-http-" + COUNTER.incrementAndGet());
    this.closed = closed;
  }

  /**
   * Makes the connections of one pool.
   *
   * <p>Closing the pool discards the connection of a leased entry, but a caller that leased the entry just
   * before goes on to connect it again, and a connection created just before may be bound to its socket just
   * after. So once {@code closed} says so, no connection is made and none is bound: the socket is closed at
   * once and the caller fails as if the pool had closed it under the request.
   *
   * @param closed whether the pool's owner has closed it
   * @return the pool's connection factory
   */
  static HttpConnectionFactory<ManagedHttpClientConnection> factory(BooleanSupplier closed) {
    return socket -> {
      if (closed.getAsBoolean()) {
        throw gatewayClosed();
      }
      DeadlineConnection connection = new DeadlineConnection(closed);
      if (socket != null) {
        connection.bind(socket);
      }
      return connection;
    };
  }

  private static ConnectionClosedException gatewayClosed() {
    return new ConnectionClosedException("the gateway is closed");
  }

  /**
   * @param budgetNanos how long, from now, the answer may take to arrive in full
   */
  void deadline(long budgetNanos) {
    this.deadlineNanos = System.nanoTime() + budgetNanos;
    this.budgetMillis = TimeUnit.NANOSECONDS.toMillis(budgetNanos);
    this.armed = true;
  }

  /** @return whether an exchange's deadline is armed */
  boolean armed() {
    return armed;
  }

  @Override
  public void bind(Socket socket) throws IOException {
    bindUnlessClosed(new DeadlineSocketHolder(socket));
  }

  @Override
  public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
    bindUnlessClosed(new DeadlineSocketHolder(sslSocket, socket));
  }

  // Bound first, checked second: either the pool's close sees this socket and closes it, or this sees the
  // flag the owner set before closing the pool.
  private void bindUnlessClosed(SocketHolder holder) throws IOException {
    bind(holder);
    if (closed.getAsBoolean()) {
      close(CloseMode.IMMEDIATE);
      throw gatewayClosed();
    }
  }

  @Override
  public void passivate() {
    armed = false;
    super.passivate();
  }

  @Override
  public void activate() {
    armed = false;
    super.activate();
  }

  @Override
  protected void onRequestSubmitted(ClassicHttpRequest request) {
    // The request line on the wire holds credentials: never logged.
  }

  @Override
  protected void onResponseReceived(ClassicHttpResponse response) {
    // Logged by no one below Feign (see the class comment).
  }

  private final class DeadlineSocketHolder extends SocketHolder {
    DeadlineSocketHolder(Socket socket) {
      super(socket);
    }

    DeadlineSocketHolder(SSLSocket sslSocket, Socket socket) {
      super(sslSocket, socket);
    }

    @Override
    protected InputStream getInputStream(Socket socket) throws IOException {
      return new DeadlineInputStream(socket, socket.getInputStream());
    }
  }

  private final class DeadlineInputStream extends FilterInputStream {
    private final Socket socket;

    DeadlineInputStream(Socket socket, InputStream in) {
      super(in);
      this.socket = socket;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1]; // not used by HttpClient, which reads into its session buffer
      int read = read(one, 0, 1);
      return read < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (!armed) {
        return in.read(b, off, len);
      }
      timeLeft();
      try {
        return in.read(b, off, len);
      } catch (SocketTimeoutException e) {
        throw expired();
      }
    }

    private void timeLeft() throws IOException {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        throw expired();
      }
      // Rounded up, so that a read never waits less than the time left.
      long millis = Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000);
      socket.setSoTimeout((int) millis);
    }

    private SocketTimeoutException expired() {
      return new SocketTimeoutException("no complete answer within " + budgetMillis + " ms");
    }
  }
}
