package io.github.wechatqr.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * A real {@code redis-server} on a free port of 127.0.0.1, for tests of code that shares state through
 * Redis. Needs {@code com.github.codemonstur:embedded-redis} on the test class path (an optional dependency
 * of the testkit: add it yourself) and {@code libssl.so.3} on the machine.
 *
 * <pre>{@code
 * try (EmbeddedRedis redis = EmbeddedRedis.start()) {
 *   RedisStores stores = RedisStores.connect(redis.uri());
 *   ...
 * }
 * }</pre>
 */
public final class EmbeddedRedis implements AutoCloseable {
  private final int port;
  private final Path dataDir;
  private RedisServer server;

  private EmbeddedRedis(int port, Path dataDir) {
    this.port = port;
    this.dataDir = dataDir;
  }

  /** Returns a running server that keeps nothing on disk. */
  public static EmbeddedRedis start() {
    return new EmbeddedRedis(freePort(), null).up();
  }

  /**
   * Starts a server that appends every write to a file in {@code dataDir}, so a restart keeps the data.
   *
   * @param dataDir where every write is appended, so a restart keeps the data
   * @return a running server
   */
  public static EmbeddedRedis startPersistent(Path dataDir) {
    return new EmbeddedRedis(freePort(), dataDir).up();
  }

  /** Returns {@code redis://127.0.0.1:PORT}. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Returns the port. */
  public int port() {
    return port;
  }

  /** Stops the process, as a crash or a maintenance restart would; {@link #up()} starts it again. */
  public void stop() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns this server, started again on the same port. */
  public EmbeddedRedis up() {
    try {
      // "loglevel warning" would hang start(): it waits for the "Ready to accept connections" line.
      var builder = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
          .soutListener(line -> { }).serrListener(line -> { });
      if (dataDir == null) {
        builder.setting("appendonly no");
      } else {
        builder.setting("dir " + dataDir).setting("appendonly yes").setting("appendfsync always");
      }
      server = builder.build();
      server.start();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server if it runs. */
  @Override
  public void close() {
    if (server != null && server.isActive()) {
      stop();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
