package io.github.wechatqr.events;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Ends each connection that has not delivered its whole request (request line, headers, body) within the
 * deadline of its opening. Jetty's idle timeout alone would let a client that sends a byte now and then
 * keep a connection for ever; this deadline runs from the start, whatever arrives.
 */
final class RequestDeadlines implements Connection.Listener {
  private final Scheduler scheduler;
  private final long millis;
  private final Map<Connection, Deadline> armed = new ConcurrentHashMap<>();

  RequestDeadlines(Scheduler scheduler, Duration deadline) {
    this.scheduler = scheduler;
    this.millis = deadline.toMillis();
  }

  @Override
  public void onOpened(Connection connection) {
    Deadline deadline = new Deadline(connection);
    armed.put(connection, deadline);
    deadline.task = scheduler.schedule(deadline, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onClosed(Connection connection) {
    disarm(connection);
  }

  /** @param connection a connection whose request has arrived whole: it may now take its time to answer */
  void disarm(Connection connection) {
    Deadline deadline = armed.remove(connection);
    if (deadline != null && deadline.task != null) {
      deadline.task.cancel();
    }
  }

  /** @return how many connections are still waiting for their request */
  int armed() {
    return armed.size();
  }

  /** Ends its connection, unless disarmed first (then it is no longer in the map, and does nothing). */
  private final class Deadline implements Runnable {
    private final Connection connection;
    private volatile Scheduler.Task task;

    Deadline(Connection connection) {
      this.connection = connection;
    }

    @Override
    public void run() {
      if (armed.remove(connection, this)) {
        connection.getEndPoint().close(new TimeoutException("request not complete within " + millis + " ms"));
      }
    }
  }
}
