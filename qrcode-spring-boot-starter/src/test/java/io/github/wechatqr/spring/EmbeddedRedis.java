package io.github.wechatqr.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * A real redis-server process on a free port of 127.0.0.1 that keeps nothing on disk. (The Redis adapter's
 * own helper is test scope there; this is the part the starter needs.)
 */
final class EmbeddedRedis implements AutoCloseable {
  private final int port;
  private final RedisServer server;

  private EmbeddedRedis(int port) throws IOException {
    this.port = port;
    this.server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
        .setting("appendonly no").soutListener(line -> { }).serrListener(line -> { }).build();
    server.start();
  }

  static EmbeddedRedis start() {
    try (ServerSocket socket = new ServerSocket(0)) {
      int port = socket.getLocalPort();
      socket.close();
      return new EmbeddedRedis(port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() throws IOException {
    server.stop();
  }
}
