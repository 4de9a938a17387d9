package io.github.wechatqr.feign;

import static io.github.wechatqr.testkit.FakeWeChatServer.CREATE;
import static io.github.wechatqr.testkit.FakeWeChatServer.SHOW_QRCODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.QuotaExceeded;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.Fault;
import io.github.wechatqr.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MicrometerMetricsTest {
  private static final QrCodeRequest REQUEST = QrCodeRequest.temporary(SceneValue.of(4), Duration.ofHours(1));

  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FeignQrCodeGateway gateway = TestGateways.against(fake, clock, new TestGateways.RecordingSleeper(clock))
      .meterRegistry(registry).build();

  @AfterEach
  void close() {
    gateway.close();
    fake.close();
  }

  private long calls(String api, String outcome) {
    return registry.get(MicrometerMetrics.CALLS).tag("api", api).tag("outcome", outcome).timer().count();
  }

  private double retries(String api, String outcome) {
    return registry.get(MicrometerMetrics.RETRIES).tag("api", api).tag("outcome", outcome).counter().count();
  }

  private double refreshes(String reason) {
    return registry.get(MicrometerMetrics.TOKEN_REFRESHES).tag("reason", reason).counter().count();
  }

  @Test
  void every_attempt_is_timed_by_api_and_outcome_and_retries_are_counted() {
    fake.failNext(CREATE, -1, 1).failNext(CREATE, Fault.status(502), 1);
    Ticket ticket = gateway.issue(REQUEST).ticket();
    fake.failNext(SHOW_QRCODE, Fault.drop(), 1);
    gateway.download(ticket);
    fake.failNext(CREATE, 45009, 1);
    assertThatThrownBy(() -> gateway.issue(REQUEST)).isInstanceOf(QuotaExceeded.class);

    assertThat(calls("token", "ok")).isEqualTo(1);
    assertThat(calls("create", "-1")).isEqualTo(1);
    assertThat(calls("create", "http_5xx")).isEqualTo(1);
    assertThat(calls("create", "ok")).isEqualTo(1);
    assertThat(calls("create", "45009")).isEqualTo(1);
    assertThat(calls("showqrcode", "connection")).isEqualTo(1);
    assertThat(calls("showqrcode", "ok")).isEqualTo(1);
    assertThat(retries("create", "-1")).isEqualTo(1);
    assertThat(retries("create", "http_5xx")).isEqualTo(1);
    assertThat(retries("showqrcode", "connection")).isEqualTo(1);
    assertThat(registry.find(MicrometerMetrics.RETRIES).tag("outcome", "45009").counter()).isNull();
    assertThat(registry.get(MicrometerMetrics.CALLS).tag("api", "create").tag("outcome", "ok").timer()
        .totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
  }

  @Test
  void token_refreshes_are_counted_by_reason() {
    gateway.issue(REQUEST);
    fake.failNext(CREATE, 40001, 1);
    gateway.issue(REQUEST);
    clock.advance(Duration.ofHours(2));
    gateway.issue(REQUEST);
    assertThat(refreshes("due")).isEqualTo(2);
    assertThat(refreshes("rejected")).isEqualTo(1);
    assertThat(calls("create", "40001")).isEqualTo(1);
  }

  @Test
  void each_meter_is_resolved_once_and_an_attempt_then_allocates_next_to_nothing() {
    MicrometerMetrics metrics = new MicrometerMetrics(registry);
    assertThat(metrics.timer(Api.CREATE, "ok")).isSameAs(metrics.timer(Api.CREATE, "ok"))
        .isSameAs(registry.get(MicrometerMetrics.CALLS).tag("api", "create").tag("outcome", "ok").timer());
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    int attempts = 20_000;
    for (int i = 0; i < attempts; i++) { // warm up: class loading, lazily built meter state
      metrics.start().stop(Api.CREATE, "ok");
    }
    long before = threads.getThreadAllocatedBytes(thread);
    for (int i = 0; i < attempts; i++) {
      metrics.start().stop(Api.CREATE, "ok");
    }
    long perAttempt = (threads.getThreadAllocatedBytes(thread) - before) / attempts;
    // The sample itself (a lambda holding the start time); a Timer.builder(...).register() per attempt
    // would add its builder, tags and meter id: hundreds of bytes.
    assertThat(perAttempt).as("bytes allocated per timed attempt").isLessThan(100);
    assertThat(registry.get(MicrometerMetrics.CALLS).tag("outcome", "ok").timer().count()).isEqualTo(2L * attempts);
  }

  @Test
  void a_gateway_without_a_registry_reports_nothing_and_still_works() {
    try (FeignQrCodeGateway plain = TestGateways.against(fake, clock, new TestGateways.RecordingSleeper(clock)).build()) {
      fake.failNext(CREATE, -1, 1);
      assertThat(plain.issue(REQUEST).ticket()).isNotNull();
    }
    assertThat(registry.getMeters()).isEmpty();
  }
}
