package io.github.wechatqr.it;

import io.github.wechatqr.feign.FeignQrCodeGateway;
import io.github.wechatqr.feign.FeignQrCodeGatewayBuilder;
import io.github.wechatqr.testkit.FakeWeChatServer;
import java.time.Clock;
import java.time.Duration;

/** The real Feign gateway pointed at a fake, with the timeouts and backoff these tests run on. */
final class Gateways {
  private Gateways() {}

  /**
   * @return a builder for {@code fake}'s default account on 127.0.0.1: connect 1 s, read 2 s, three
   *     attempts with 2..8 ms backoff (the fake answers in milliseconds; nothing here waits for real)
   */
  static FeignQrCodeGatewayBuilder against(FakeWeChatServer fake, Clock clock) {
    return FeignQrCodeGateway.builder()
        .appId(fake.appId()).secret(fake.secret())
        .apiBase(fake.baseUri()).mpBase(fake.baseUri())
        .clock(clock)
        .connectTimeout(Duration.ofSeconds(1)).readTimeout(Duration.ofSeconds(2))
        .backoff(Duration.ofMillis(2), Duration.ofMillis(8));
  }
}
