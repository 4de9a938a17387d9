package io.github.wechatqr.feign;

import static io.github.wechatqr.testkit.FakeWeChatServer.CREATE;
import static io.github.wechatqr.testkit.FakeWeChatServer.STABLE_TOKEN;
import static io.github.wechatqr.testkit.FakeWeChatServer.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.RefreshReason;
import io.github.wechatqr.domain.token.TokenKeeper;
import io.github.wechatqr.domain.token.TokenPolicy;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenFetcherTest {
  private static final QrCodeRequest REQUEST = QrCodeRequest.temporary(SceneValue.of(3), Duration.ofHours(1));

  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start();
  private final List<AccessToken> fetched = new CopyOnWriteArrayList<>();
  private final List<RefreshReason> reasons = new CopyOnWriteArrayList<>();
  /** The default in-process store, recording what the gateway's fetcher hands it. */
  private final AccessTokenStore.Factory recording = fetcher -> TokenKeeper.inProcess(clock, TokenPolicy.defaults())
      .create(reason -> {
        reasons.add(reason);
        AccessToken token = fetcher.fetch(reason);
        fetched.add(token);
        return token;
      });

  private FeignQrCodeGateway gateway(TokenMode mode, Clock gatewayClock) {
    return TestGateways.against(fake, gatewayClock, new TestGateways.RecordingSleeper(clock))
        .tokenMode(mode).tokenStore(recording).build();
  }

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void in_stable_mode_the_fetch_after_a_rejection_forces_a_refresh() {
    try (FeignQrCodeGateway gateway = gateway(TokenMode.STABLE, clock)) {
      gateway.issue(REQUEST);
      fake.failNext(CREATE, 40014, 1); // rejected, though still current at stable_token
      gateway.issue(REQUEST);
    }
    List<JournalEntry> stable = fake.journal().entries(STABLE_TOKEN);
    assertThat(stable).extracting(entry -> entry.body().contains("\"force_refresh\":true"))
        .containsExactly(false, true);
    assertThat(reasons).containsExactly(RefreshReason.DUE, RefreshReason.REJECTED);
    assertThat(fetched).hasSize(2);
    assertThat(fetched.get(1).value()).isNotEqualTo(fetched.get(0).value());
  }

  @Test
  void stable_is_the_default_mode_and_keeps_the_secret_out_of_the_url() {
    try (FeignQrCodeGateway gateway = FeignQrCodeGateway.builder().appId(fake.appId()).secret(fake.secret())
        .apiBase(fake.baseUri()).mpBase(fake.baseUri()).clock(clock).build()) {
      gateway.issue(REQUEST);
    }
    assertThat(fake.journal().tokenFetches()).isEqualTo(1);
    assertThat(fake.journal().entries(STABLE_TOKEN)).hasSize(1);
  }

  @Test
  void in_classic_mode_a_rejection_costs_one_new_token_call() {
    try (FeignQrCodeGateway gateway = gateway(TokenMode.CLASSIC, clock)) {
      gateway.issue(REQUEST);
      fake.failNext(CREATE, 40001, 1);
      gateway.issue(REQUEST);
    }
    assertThat(fake.journal().entries(TOKEN)).hasSize(2);
    assertThat(reasons).containsExactly(RefreshReason.DUE, RefreshReason.REJECTED);
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
