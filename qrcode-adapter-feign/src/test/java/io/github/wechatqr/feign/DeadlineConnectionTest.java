package io.github.wechatqr.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The connection on its own, over a socket pair. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DeadlineConnectionTest {
  private static final HttpConnectionFactory<ManagedHttpClientConnection> OPEN =
      DeadlineConnection.factory(() -> false);
  private static final byte[] ANSWER = RawServer.ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

  @Test
  void unarmed_it_reads_like_any_connection_and_armed_past_its_deadline_it_reads_nothing() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        Socket server = listener.accept()) {
      DeadlineConnection connection = (DeadlineConnection) OPEN.createConnection(client);
      OutputStream out = server.getOutputStream();
      out.write(ANSWER);
      out.flush();
      assertThat(connection.armed()).isFalse();
      ClassicHttpResponse first = connection.receiveResponseHeader();
      assertThat(first.getCode()).isEqualTo(200);
      connection.receiveResponseEntity(first);
      try (InputStream body = first.getEntity().getContent()) {
        assertThat(body.read()).isEqualTo('o');
        assertThat(body.read()).isEqualTo('k');
        assertThat(body.read()).isEqualTo(-1);
      }

      out.write(ANSWER);
      out.flush();
      connection.deadline(0); // already over: not a byte is read, though the answer is there
      assertThat(connection.armed()).isTrue();
      assertThatThrownBy(connection::receiveResponseHeader).isInstanceOf(SocketTimeoutException.class)
          .hasMessage("no complete answer within 0 ms");
      connection.close();
    }
  }

  @Test
  void going_back_to_the_pool_or_out_of_it_disarms_the_deadline() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        Socket server = listener.accept()) {
      DeadlineConnection connection = (DeadlineConnection) OPEN.createConnection(client);
      connection.deadline(TimeUnit.SECONDS.toNanos(5));
      connection.passivate();
      assertThat(connection.armed()).isFalse();
      connection.deadline(TimeUnit.SECONDS.toNanos(5));
      connection.activate();
      assertThat(connection.armed()).isFalse();
      assertThat(connection.getId()).startsWith("wechatqr-http-");
      assertThat(OPEN.createConnection(null).isOpen()).isFalse();
      connection.close();
      assertThat(server.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void once_its_pool_is_closed_no_connection_is_made_and_none_is_bound_to_a_socket() throws Exception {
    AtomicBoolean closed = new AtomicBoolean();
    HttpConnectionFactory<ManagedHttpClientConnection> factory = DeadlineConnection.factory(closed::get);
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        Socket server = listener.accept()) {
      ManagedHttpClientConnection madeBefore = factory.createConnection(null);
      closed.set(true);

      assertThatThrownBy(() -> madeBefore.bind(client)).isInstanceOf(ConnectionClosedException.class)
          .hasMessage("the gateway is closed");
      assertThat(madeBefore.isOpen()).isFalse();
      assertThat(client.isClosed()).isTrue();
      assertThatThrownBy(() -> server.getInputStream().read()).as("closed at once: a reset, not a FIN")
          .isInstanceOf(SocketException.class);
      assertThatThrownBy(() -> factory.createConnection(null)).isInstanceOf(ConnectionClosedException.class)
          .hasMessage("the gateway is closed");
    }
  }
}
