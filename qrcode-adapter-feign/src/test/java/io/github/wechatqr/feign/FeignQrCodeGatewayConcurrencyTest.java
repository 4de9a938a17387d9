package io.github.wechatqr.feign;

import static io.github.wechatqr.testkit.FakeWeChatServer.CREATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.IssuedTicket;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.JournalEntry;
import io.github.wechatqr.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 200 creates from 16 threads; midway WeChat answers one of them 40001, which also retires the token on
 * its side, so every call still in flight with that token is rejected too. Each rejected caller
 * invalidates the stale token (a no-op once another caller replaced it), takes the fresh one from the
 * store's single flight, and retries once.
 */
class FeignQrCodeGatewayConcurrencyTest {
  private static final int CALLS = 200;
  private static final int THREADS = 16;

  @ParameterizedTest
  @EnumSource(TokenMode.class)
  void a_40001_midway_costs_exactly_one_extra_token_fetch_and_every_call_succeeds(TokenMode mode) throws Exception {
    MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try (FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start();
        FeignQrCodeGateway gateway = TestGateways.against(fake, clock, new TestGateways.RecordingSleeper(clock))
            .tokenMode(mode).meterRegistry(registry).readTimeout(Duration.ofSeconds(5)).build()) {
      AtomicInteger claimed = new AtomicInteger();
      List<Callable<IssuedTicket>> calls = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        calls.add(() -> {
          int n = claimed.incrementAndGet();
          if (n == CALLS / 2) {
            fake.failNext(CREATE, 40001, 1);
          }
          return gateway.issue(QrCodeRequest.temporary(SceneValue.of(n), Duration.ofHours(1)));
        });
      }
      List<Ticket> tickets = new ArrayList<>();
      for (Future<IssuedTicket> result : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) {
        tickets.add(result.get().ticket());
      }

      assertThat(tickets).hasSize(CALLS).doesNotHaveDuplicates()
          .allSatisfy(ticket -> assertThat(fake.code(ticket)).isPresent());
      assertThat(fake.journal().tokenFetches()).isEqualTo(2);
      long rejected = fake.journal().entries(CREATE).stream().map(JournalEntry::errcode)
          .filter(code -> code != null && code == 40001).count();
      assertThat(rejected).isPositive();
      assertThat(fake.journal().count(CREATE)).isEqualTo(CALLS + rejected);
      assertThat(registry.get(MicrometerMetrics.TOKEN_REFRESHES).tag("reason", "rejected").counter().count())
          .isEqualTo(1.0);
    } finally {
      pool.shutdownNow();
    }
  }
}
