package io.github.wechatqr.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/** A real redis-server process on a free port of 127.0.0.1, optionally persisting to a directory. */
final class EmbeddedRedis implements AutoCloseable {
  private final int port;
  private final Path dataDir;
  private RedisServer server;

  private EmbeddedRedis(int port, Path dataDir) {
    this.port = port;
    this.dataDir = dataDir;
  }

  /** @return a running server that keeps nothing on disk */
  static EmbeddedRedis start() {
    return new EmbeddedRedis(freePort(), null).up();
  }

  /** @return a running server that appends every write to {@code dataDir}, so a restart keeps the data */
  static EmbeddedRedis startPersistent(Path dataDir) {
    return new EmbeddedRedis(freePort(), dataDir).up();
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Stops the process, as a crash or a maintenance restart would; the port stays reserved for {@link #up}. */
  void stop() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the process again on the same port. */
  EmbeddedRedis up() {
    try {
      var builder = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
          .setting("save \"\"")
          .soutListener(line -> { })
          .serrListener(line -> { });
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
