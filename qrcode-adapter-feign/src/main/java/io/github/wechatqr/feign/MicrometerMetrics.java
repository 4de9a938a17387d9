package io.github.wechatqr.feign;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters: {@code wechat.qrcode.calls} (timer per attempt, tags {@code api}, {@code outcome}),
 * {@code wechat.qrcode.retries} (tags {@code api}, {@code outcome}) and {@code wechat.qrcode.token.refreshes}
 * (tag {@code reason}). Each meter is registered once, on its first use, and kept here per (api, outcome):
 * an attempt costs two clock readings and a map lookup, no builder, tags or registry lookup. Loaded only
 * when a registry is given, so micrometer stays optional.
 */
final class MicrometerMetrics implements GatewayMetrics {
  static final String CALLS = "wechat.qrcode.calls";
  static final String RETRIES = "wechat.qrcode.retries";
  static final String TOKEN_REFRESHES = "wechat.qrcode.token.refreshes";

  private final MeterRegistry registry;
  private final Clock clock;
  // Filled for every Api here and never changed after: safe to read from any thread.
  private final Map<Api, Map<String, Timer>> timers = new EnumMap<>(Api.class);
  private final Map<Api, Map<String, Counter>> retries = new EnumMap<>(Api.class);
  private final Map<String, Counter> refreshes = new ConcurrentHashMap<>();

  MicrometerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.clock = registry.config().clock();
    for (Api api : Api.values()) {
      timers.put(api, new ConcurrentHashMap<>());
      retries.put(api, new ConcurrentHashMap<>());
    }
  }

  @Override
  public Sample start() {
    long start = clock.monotonicTime();
    return (api, outcome) -> timer(api, outcome).record(clock.monotonicTime() - start, TimeUnit.NANOSECONDS);
  }

  @Override
  public void retried(Api api, String outcome) {
    retries.get(api).computeIfAbsent(outcome, o -> Counter.builder(RETRIES)
        .description("WeChat API attempts repeated after a transient failure")
        .tag("api", api.tag()).tag("outcome", o).register(registry)).increment();
  }

  @Override
  public void tokenRefreshed(String reason) {
    refreshes.computeIfAbsent(reason, r -> Counter.builder(TOKEN_REFRESHES).description("Access tokens fetched from WeChat")
        .tag("reason", r).register(registry)).increment();
  }

  /** The timer of (api, outcome), registered on first use. */
  Timer timer(Api api, String outcome) {
    Map<String, Timer> byOutcome = timers.get(api);
    Timer timer = byOutcome.get(outcome);
    return timer != null ? timer : byOutcome.computeIfAbsent(outcome, o -> Timer.builder(CALLS)
        .description("WeChat API attempts")
        .tag("api", api.tag())
        .tag("outcome", o)
        .register(registry));
  }
}
