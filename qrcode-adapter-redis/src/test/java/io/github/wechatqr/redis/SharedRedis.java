package io.github.wechatqr.redis;

import io.github.wechatqr.testkit.EmbeddedRedis;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Redis for the whole test run: started by the first test class that asks, stopped when JUnit closes
 * its root context at the end of the run. Each test takes a fresh appid, so tests never see each other's
 * keys and nothing needs flushing.
 */
final class SharedRedis implements BeforeAllCallback {
  private static final AtomicInteger APPS = new AtomicInteger();
  private static volatile Running running;

  /** The server and the default stores over it, closed together. */
  private record Running(EmbeddedRedis server, RedisStores stores) implements AutoCloseable {
    @Override
    public void close() {
      stores.close();
      server.close();
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Running.class, type -> {
          EmbeddedRedis server = EmbeddedRedis.start();
          return new Running(server, RedisStores.connect(server.uri()));
        }, Running.class);
  }

  static String uri() {
    return running.server().uri();
  }

  /** @return stores with the default settings */
  static RedisStores stores() {
    return running.stores();
  }

  /** @return plain commands, to look at keys or hand-write entries as another release would */
  static RedisCommands<String, String> raw() {
    return running.stores().connection().sync();
  }

  /** @return an appid no other test uses */
  static String freshAppId() {
    return "wxtest" + APPS.incrementAndGet();
  }
}
