package io.github.wechatqr.spring;

import io.github.wechatqr.cache.CacheRuntime;
import io.github.wechatqr.testkit.FakeWeChatExtension;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.MutableClock;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** For tests of contexts that talk to a fake WeChat per test, on a clock the test moves. */
abstract class FakeWeChatContexts {
  @RegisterExtension
  final FakeWeChatExtension wechat = new FakeWeChatExtension();
  /** The fake of the running test. */
  FakeWeChatServer fake;
  /** Its clock. */
  MutableClock clock;

  @BeforeEach
  void fakeOnItsClock() {
    fake = wechat.server();
    clock = wechat.clock();
  }

  /** @return the starter pointed at the fake, its clock everywhere, cache maintenance and refreshes inline */
  ApplicationContextRunner onTheFakesClock() {
    return StarterContexts.against(fake).withBean(Clock.class, () -> clock)
        .withBean(CacheRuntime.class, () -> CacheRuntime.sameThread(clock));
  }
}
