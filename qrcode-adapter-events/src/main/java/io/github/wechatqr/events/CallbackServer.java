package io.github.wechatqr.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.LoggerFactory;

/**
 * The standalone receiver: serves one {@link WeChatCallbackHandler} at one exact path, on an embedded
 * Jetty, with limits meant for the open internet (the callback URL has to face it, for WeChat to reach
 * it). Each request must arrive whole — request line, headers and body — within 2 s of its connection
 * opening, well inside the 5 s WeChat waits for an answer; a connection carries one request and is then
 * closed, so none stays idle. Headers are parsed without a thread waiting on them, and only a request that
 * has fully arrived takes one of the {@code threads} workers, so clients that send slowly, or nothing,
 * cannot tie them up. At most 1,024 connections are open at once and at most 128 complete requests wait
 * for a worker (more get a 503 at once: WeChat delivers again). A body declared over the handler's limit
 * gets its 413 without being read. Any path but the configured one is a 404.
 *
 * <p>Why not the JDK's {@code HttpServer}: it reads request lines and headers on its worker threads,
 * blocking, so each slow client holds a worker; its request deadline and connection limit
 * ({@code sun.net.httpserver.maxReqTime}, {@code maxConnections}) are system properties for every server
 * of the JVM, read once, and the deadline ends a request only after it held a worker that long; nothing
 * bounds the requests waiting for a worker; and it serves a context by prefix. {@link JdkHttpCallback}
 * still serves the handler from an {@code HttpServer} of one's own, behind a proxy with such limits.
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
  /** Jetty's own threads: an acceptor, a selector and a few that parse; none of them ever blocks. */
  private static final int IO_THREADS = 6;
  private final Server jetty;
  private final ServerConnector connector;
  private final ThreadPoolExecutor workers;
  private final String path;

  /**
   * The limits of a {@link CallbackServer}.
   *
   * @param requestDeadline how long a connection may take to deliver its whole request
   * @param maxConnections how many connections may be open at once; more wait to be accepted
   * @param maxQueuedRequests how many complete requests may wait for a worker; more are answered 503
   * @param maxHeaderBytes the largest request line and headers
   */
  record Limits(Duration requestDeadline, int maxConnections, int maxQueuedRequests, int maxHeaderBytes) {
    static final Limits DEFAULTS = new Limits(Duration.ofSeconds(2), 1024, 128, 8 * 1024);
  }

  private CallbackServer(Server jetty, ServerConnector connector, ThreadPoolExecutor workers, String path) {
    this.jetty = jetty;
    this.connector = connector;
    this.workers = workers;
    this.path = path;
  }

  /**
   * Starts a callback server that serves the handler at one path.
   *
   * @param address where to listen; port 0 picks a free one
   * @param path the callback path, such as {@code /wechat}: served exactly, nothing under or beside it
   * @param handler the handler to serve
   * @param threads how many requests are handled at once
   * @return the started server
   * @throws UncheckedIOException if the address cannot be bound
   * @throws IllegalArgumentException if the path is not absolute and plain, or threads is not positive
   */
  public static CallbackServer start(InetSocketAddress address, String path, WeChatCallbackHandler handler,
      int threads) {
    return start(address, path, handler, threads, Limits.DEFAULTS);
  }

  static CallbackServer start(InetSocketAddress address, String path, WeChatCallbackHandler handler,
      int threads, Limits limits) {
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(address, "address");
    checkPath(path);
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive, was " + threads);
    }
    String name = "wechat-callback-" + SERVERS.incrementAndGet();
    ThreadPoolExecutor workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(limits.maxQueuedRequests()), new Named(name + "-worker-", true));
    QueuedThreadPool io = new QueuedThreadPool(IO_THREADS, 2);
    io.setName(name + "-io");
    io.setReservedThreads(0);
    ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler(name + "-deadlines", true);
    Server jetty = new Server(io, scheduler, null);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(limits.maxHeaderBytes());
    http.setPersistentConnectionsEnabled(false);
    ServerConnector connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(address.getAddress() == null ? address.getHostString()
        : address.getAddress().getHostAddress());
    connector.setPort(address.getPort());
    // Jetty's idle timeout ends a connection whose client stops reading the answer.
    connector.setIdleTimeout(limits.requestDeadline().toMillis());
    connector.setAcceptQueueSize(128);
    RequestDeadlines deadlines = new RequestDeadlines(scheduler, limits.requestDeadline());
    connector.addBean(deadlines);
    jetty.addConnector(connector);
    jetty.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
    jetty.setHandler(new CallbackRequests(path, handler, workers, deadlines));
    jetty.setErrorHandler(CallbackServer::plainError);
    jetty.setStopTimeout(0);
    try {
      jetty.start();
    } catch (Exception e) { // Jetty's start declares Exception
      stopQuietly(jetty);
      workers.shutdownNow();
      throw new UncheckedIOException("cannot listen on " + address,
          e instanceof IOException failure ? failure : new IOException(e));
    }
    return new CallbackServer(jetty, connector, workers, path);
  }

  /** Jetty's own refusals (a malformed request line, headers too large ...) as plain text. */
  private static boolean plainError(Request request, Response response, Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, CallbackResponse.CONTENT_TYPE);
    Content.Sink.write(response, true, HttpStatus.getMessage(response.getStatus()), callback);
    return true;
  }

  /** An absolute path of plain segments: the URL WeChat is given, compared byte for byte. */
  private static void checkPath(String path) {
    Objects.requireNonNull(path, "path");
    if (!path.matches("(/[A-Za-z0-9._~!$&'()*+,=:@-]+)+") || path.matches(".*/\\.{1,2}(/.*)?")) {
      throw new IllegalArgumentException("the callback path must be absolute, of plain segments, without"
          + " . or .. (such as /wechat), was " + path);
    }
  }

  /** Returns the callback URL, with the loopback address if the server listens on all interfaces. */
  public URI url() {
    InetAddress ip;
    try {
      ip = InetAddress.getByName(connector.getHost()); // an address literal: nothing is looked up
    } catch (UnknownHostException e) {
      throw new IllegalStateException("the server listens on an address it cannot name", e);
    }
    String host = ip.isAnyLocalAddress() ? "127.0.0.1"
        : ip instanceof Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
    return URI.create("http://" + host + ":" + connector.getLocalPort() + path);
  }

  /** @return how many complete requests wait for a worker now (for tests) */
  int queuedRequests() {
    return workers.getQueue().size();
  }

  /** Stops listening, drops open connections and stops every thread of the server. */
  @Override
  public void close() {
    stopQuietly(jetty);
    workers.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void stopQuietly(Server jetty) {
    try {
      jetty.stop();
    } catch (Exception e) { // Jetty's stop declares Exception
      LoggerFactory.getLogger(CallbackServer.class).warn("stopping the callback server failed", e);
    }
  }

  /** Names the worker threads. */
  private static final class Named implements ThreadFactory {
    private final String prefix;
    private final boolean daemon;
    private final AtomicInteger count = new AtomicInteger();

    Named(String prefix, boolean daemon) {
      this.prefix = prefix;
      this.daemon = daemon;
    }

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(daemon);
      return thread;
    }
  }
}
