package io.github.wechatqr.feign;

import static io.github.wechatqr.testkit.FakeWeChatServer.CREATE;
import static io.github.wechatqr.testkit.FakeWeChatServer.STABLE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.port.AccessTokenStore;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.JournalEntry;
import io.github.wechatqr.testkit.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenFetcherTest {
  private static final QrCodeRequest REQUEST = QrCodeRequest.temporary(SceneValue.of(3), Duration.ofHours(1));

  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start();
  private final List<AccessToken> fetched = new CopyOnWriteArrayList<>();
  private final AccessTokenStore recording = new AccessTokenStore() {
    private final LocalAccessTokenStore store = new LocalAccessTokenStore(clock, Duration.ofMinutes(5));

    @Override
    public AccessToken get(Supplier<AccessToken> fetcher) {
      return store.get(() -> {
        AccessToken token = fetcher.get();
        fetched.add(token);
        return token;
      });
    }

    @Override
    public void invalidate(AccessToken stale) {
      store.invalidate(stale);
    }
  };

  private FeignQrCodeGateway gateway(TokenMode mode, Clock gatewayClock) {
    return TestGateways.against(fake, gatewayClock, new TestGateways.RecordingSleeper(clock))
        .tokenMode(mode).tokenStore(recording).build();
  }

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void stable_mode_forces_a_refresh_only_when_wechat_hands_back_the_token_it_just_rejected() {
    try (FeignQrCodeGateway gateway = gateway(TokenMode.STABLE, clock)) {
      gateway.issue(REQUEST);
      fake.failNext(CREATE, 40014, 1); // rejected, but still current at stable_token
      gateway.issue(REQUEST);
    }
    List<JournalEntry> stable = fake.journal().entries(STABLE_TOKEN);
    assertThat(stable).extracting(entry -> entry.body().contains("\"force_refresh\":true"))
        .containsExactly(false, false, true);
    assertThat(fetched).hasSize(2);
    assertThat(fetched.get(1).value()).isNotEqualTo(fetched.get(0).value());
  }

  @Test
  void stable_mode_does_not_force_when_the_rejected_token_is_already_replaced() {
    try (FeignQrCodeGateway gateway = gateway(TokenMode.STABLE, clock)) {
      gateway.issue(REQUEST);
      fake.failNext(CREATE, 40001, 1); // the fake retires the token, so stable_token issues a new one
      gateway.issue(REQUEST);
    }
    assertThat(fake.journal().entries(STABLE_TOKEN))
        .allSatisfy(entry -> assertThat(entry.body()).contains("\"force_refresh\":false")).hasSize(2);
  }

  @Test
  void the_token_expiry_counts_from_a_clock_reading_taken_before_the_token_call() {
    // every reading is one minute later than the one before, so "before" and "after" differ
    SteppingClock stepping = new SteppingClock(Instant.parse("2026-03-01T00:00:00Z"), Duration.ofMinutes(1));
    try (FeignQrCodeGateway gateway = gateway(TokenMode.CLASSIC, stepping)) {
      gateway.issue(REQUEST);
    }
    assertThat(fetched).hasSize(1);
    assertThat(fetched.get(0).expiresAt()).isEqualTo(stepping.first.plusSeconds(7200));
  }

  /** A clock whose every reading advances by a step; remembers its first reading. */
  private static final class SteppingClock extends Clock {
    final Instant first;
    private final Duration step;
    private Instant next;

    SteppingClock(Instant first, Duration step) {
      this.first = first;
      this.step = step;
      this.next = first;
    }

    @Override
    public synchronized Instant instant() {
      Instant now = next;
      next = next.plus(step);
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
