package io.github.wechatqr.events;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK {@link HttpServer} that serves one {@link WeChatCallbackHandler}, with its own worker threads:
 * the smallest way to receive pushes, used by the tests and the command line.
 *
 * <pre>{@code
 * try (CallbackServer server = CallbackServer.start(new InetSocketAddress(8080), "/wechat", callback, 8)) {
 *   System.out.println("callback URL: " + server.url());
 *   Thread.currentThread().join();
 * }
 * }</pre>
 */
public final class CallbackServer implements AutoCloseable {
  private static final AtomicInteger SERVERS = new AtomicInteger();
  private final HttpServer http;
  private final ExecutorService workers;
  private final String path;

  private CallbackServer(HttpServer http, ExecutorService workers, String path) {
    this.http = http;
    this.workers = workers;
    this.path = path;
  }

  /**
   * @param address where to listen; port 0 picks a free one
   * @param path the callback path, such as {@code /wechat}
   * @param handler the handler to serve
   * @param threads how many requests are handled at once
   * @return the started server
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static CallbackServer start(InetSocketAddress address, String path, WeChatCallbackHandler handler,
      int threads) {
    Objects.requireNonNull(handler, "handler");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive, was " + threads);
    }
    JdkHttpCallback.preferNoDelay();
    int id = SERVERS.incrementAndGet();
    AtomicInteger count = new AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(threads, task -> {
      Thread thread = new Thread(task, "wechat-callback-" + id + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    try {
      HttpServer http = HttpServer.create(address, 64);
      JdkHttpCallback.mount(http, path, handler);
      http.setExecutor(workers);
      http.start();
      return new CallbackServer(http, workers, path);
    } catch (IOException e) {
      workers.shutdownNow();
      throw new UncheckedIOException("cannot listen on " + address, e);
    }
  }

  /** @return the callback URL, with the loopback address if the server listens on all interfaces */
  public URI url() {
    InetSocketAddress address = http.getAddress();
    InetAddress ip = address.getAddress();
    String host = ip.isAnyLocalAddress() ? "127.0.0.1"
        : ip instanceof Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
    return URI.create("http://" + host + ":" + address.getPort() + path);
  }

  /** Stops listening and stops the worker threads. */
  @Override
  public void close() {
    http.stop(0);
    workers.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
