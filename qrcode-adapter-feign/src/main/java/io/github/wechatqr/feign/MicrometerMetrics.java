package io.github.wechatqr.feign;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Micrometer meters: {@code wechat.qrcode.calls} (timer per attempt, tags {@code api}, {@code outcome}),
 * {@code wechat.qrcode.retries} (tags {@code api}, {@code outcome}) and {@code wechat.qrcode.token.refreshes}
 * (tag {@code reason}). Loaded only when a registry is given, so micrometer stays optional.
 */
final class MicrometerMetrics implements GatewayMetrics {
  static final String CALLS = "wechat.qrcode.calls";
  static final String RETRIES = "wechat.qrcode.retries";
  static final String TOKEN_REFRESHES = "wechat.qrcode.token.refreshes";

  private final MeterRegistry registry;

  MicrometerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Sample start() {
    Timer.Sample sample = Timer.start(registry);
    return (api, outcome) -> sample.stop(Timer.builder(CALLS)
        .description("WeChat API attempts")
        .tag("api", api.tag())
        .tag("outcome", outcome)
        .register(registry));
  }

  @Override
  public void retried(Api api, String outcome) {
    Counter.builder(RETRIES).description("WeChat API attempts repeated after a transient failure")
        .tag("api", api.tag()).tag("outcome", outcome).register(registry).increment();
  }

  @Override
  public void tokenRefreshed(String reason) {
    Counter.builder(TOKEN_REFRESHES).description("Access tokens fetched from WeChat")
        .tag("reason", reason).register(registry).increment();
  }
}
