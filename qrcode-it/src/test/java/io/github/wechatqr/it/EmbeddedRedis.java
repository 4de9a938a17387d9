package io.github.wechatqr.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.embedded.RedisServer;

/**
 * One real {@code redis-server} on a free port of 127.0.0.1 for the whole test run, keeping nothing on
 * disk: started by the first test class that registers this extension, stopped when JUnit closes its root
 * context. (No {@code loglevel} setting: embedded-redis waits for a startup line that {@code warning} hides.)
 */
final class EmbeddedRedis implements BeforeAllCallback {
  private static volatile Server running;

  /** The process, closed by JUnit at the end of the run. */
  private record Server(RedisServer process, int port) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      process.stop();
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Server.class, type -> start(), Server.class);
  }

  /** @return {@code redis://127.0.0.1:PORT} of the running server */
  static String uri() {
    return "redis://127.0.0.1:" + running.port();
  }

  private static Server start() {
    int port = freePort();
    try {
      RedisServer process = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
          .setting("save \"\"").setting("appendonly no")
          .soutListener(line -> { }).serrListener(line -> { })
          .build();
      process.start();
      return new Server(process, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start redis-server on port " + port, e);
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
