package io.github.wechatqr.it;

import io.github.wechatqr.testkit.EmbeddedRedis;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One testkit {@link EmbeddedRedis} for the whole test run: started by the first test class that registers
 * this extension, closed (it is {@link AutoCloseable}) when JUnit closes its root context.
 */
final class SharedRedis implements BeforeAllCallback {
  private static volatile EmbeddedRedis running;

  @Override
  public void beforeAll(ExtensionContext context) {
    running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(SharedRedis.class, type -> EmbeddedRedis.start(), EmbeddedRedis.class);
  }

  /** @return {@code redis://127.0.0.1:PORT} of the running server */
  static String uri() {
    return running.uri();
  }
}
