package io.github.wechatqr.testkit;

import java.time.Instant;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a {@link FakeWeChatServer} on a {@link MutableClock} before each test and closes it after.
 * Inject either as a test method parameter, or read it from a registered field:
 *
 * <pre>{@code
 * @ExtendWith(FakeWeChatExtension.class)
 * class CheckoutTest {
 *   @Test
 *   void printsAStoreCode(FakeWeChatServer fake, MutableClock clock) { ... }
 * }
 *
 * class OtherTest {
 *   @RegisterExtension
 *   final FakeWeChatExtension wechat = new FakeWeChatExtension();
 *
 *   @Test
 *   void works() {
 *     URI base = wechat.server().baseUri();
 *   }
 * }
 * }</pre>
 */
public final class FakeWeChatExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private MutableClock clock;
  private FakeWeChatServer server;

  @Override
  public void beforeEach(ExtensionContext context) {
    clock = MutableClock.at(START);
    server = FakeWeChatServer.builder().clock(clock).start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** Returns the server of the running test. */
  public FakeWeChatServer server() {
    return server;
  }

  /** Returns the clock of the running test, shared with the server. */
  public MutableClock clock() {
    return clock;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == FakeWeChatServer.class || type == MutableClock.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == FakeWeChatServer.class ? server : clock;
  }
}
