package io.github.wechatqr.domain.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.InvalidQrCodeRequest;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.TestClock;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.session.ScanSession.State;
import io.github.wechatqr.domain.session.ScanSessionRefused.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ScanSessionsTest {
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
  private final TestClock clock = TestClock.at("2026-01-01T00:00:00Z");
  private final ScanSessionStore store = ScanSessionStore.inProcess(clock);
  private final ScanSessions sessions = new ScanSessions(Sessions.service(clock), store, clock);

  private ScanEvent scanOf(ScanSession session, String openId) {
    return Sessions.scanOf(session, openId, ScanEvent.Kind.SUBSCRIBE, clock.instant());
  }

  private static ScanSession within(CompletableFuture<ScanSession> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  @Test
  void open_makes_a_waiting_session_whose_temporary_code_carries_its_id() {
    ScanSession session = sessions.open(FIVE_MINUTES);
    assertThat(session.state()).isEqualTo(State.WAITING);
    assertThat(session.code().request().scene().text()).isEqualTo(session.id());
    assertThat(session.code().expiresAt()).isEqualTo(clock.instant().plus(FIVE_MINUTES));
    assertThat(sessions.find(session.id())).contains(session);
    assertThat(sessions.open(FIVE_MINUTES).id()).isNotEqualTo(session.id());
  }

  @Test
  void a_lifetime_that_breaks_the_rules_is_refused_before_any_session_is_made() {
    assertThatThrownBy(() -> sessions.open(Duration.ofDays(31))).isInstanceOf(InvalidQrCodeRequest.class);
  }

  @Test
  void the_first_scan_completes_a_waiter_with_who_scanned_and_how() throws Exception {
    ScanSession session = sessions.open(FIVE_MINUTES);
    CompletableFuture<ScanSession> waiter = sessions.awaitAsync(session.id());
    assertThat(waiter).isNotDone();

    assertThat(sessions.accept(scanOf(session, "openid-1"))).isEqualTo(ScanOutcome.RECORDED);

    ScanSession scanned = within(waiter);
    assertThat(scanned.state()).isEqualTo(State.SCANNED);
    assertThat(scanned.scan().openId()).isEqualTo("openid-1");
    assertThat(scanned.scan().kind()).isEqualTo(ScanEvent.Kind.SUBSCRIBE);
  }

  @Test
  void a_waiter_that_starts_after_the_scan_sees_it_at_once() throws Exception {
    ScanSession session = sessions.open(FIVE_MINUTES);
    sessions.accept(scanOf(session, "openid-1"));
    assertThat(within(sessions.awaitAsync(session.id())).state()).isEqualTo(State.SCANNED);
    assertThat(sessions.await(session.id(), Duration.ofSeconds(5)).scan().openId()).isEqualTo("openid-1");
  }

  @Test
  void a_scan_between_subscribing_and_reading_is_not_lost() throws Exception {
    ScanSession session = sessions.open(FIVE_MINUTES);
    ScanSessionStore scanningBetween = new DelegatingStore(store) {
      @Override
      public Optional<ScanSession> find(String id) {
        store.scan(id, ScanSession.Scan.of(scanOf(session, "openid-2")));
        return super.find(id);
      }
    };
    ScanSessions racing = new ScanSessions(Sessions.service(clock), scanningBetween, clock);
    assertThat(within(racing.awaitAsync(session.id())).scan().openId()).isEqualTo("openid-2");
  }

  @Test
  void the_first_scan_wins_and_later_ones_change_nothing() {
    ScanSession session = sessions.open(FIVE_MINUTES);
    assertThat(sessions.accept(scanOf(session, "openid-1"))).isEqualTo(ScanOutcome.RECORDED);
    assertThat(sessions.accept(scanOf(session, "openid-2"))).isEqualTo(ScanOutcome.ALREADY_SCANNED);
    assertThat(sessions.find(session.id()).orElseThrow().scan().openId()).isEqualTo("openid-1");
  }

  @Test
  void a_scanned_session_is_consumed_once_and_a_second_use_is_refused_as_such() {
    ScanSession session = sessions.open(FIVE_MINUTES);
    sessions.accept(scanOf(session, "openid-1"));

    ScanSession consumed = sessions.consume(session.id());
    assertThat(consumed.state()).isEqualTo(State.CONSUMED);
    assertThat(consumed.scan().openId()).isEqualTo("openid-1");
    assertThatThrownBy(() -> sessions.consume(session.id())).isInstanceOf(ScanSessionRefused.class)
        .extracting(e -> ((ScanSessionRefused) e).reason()).isEqualTo(Reason.ALREADY_CONSUMED);
  }

  @Test
  void a_scan_after_consumption_is_reported_as_such_and_logs_nobody_in() {
    ScanSession session = sessions.open(FIVE_MINUTES);
    sessions.accept(scanOf(session, "openid-1"));
    sessions.consume(session.id());

    assertThat(sessions.accept(scanOf(session, "openid-2"))).isEqualTo(ScanOutcome.AFTER_CONSUMPTION);
    assertThat(sessions.find(session.id()).orElseThrow().state()).isEqualTo(State.CONSUMED);
    assertThat(sessions.find(session.id()).orElseThrow().scan().openId()).isEqualTo("openid-1");
  }

  @Test
  void a_session_not_scanned_yet_cannot_be_consumed() {
    ScanSession session = sessions.open(FIVE_MINUTES);
    assertThat(refusal(() -> sessions.consume(session.id()))).isEqualTo(Reason.NOT_SCANNED);
  }

  @Test
  void at_its_codes_expiry_a_session_expires_for_waiters_scans_and_consumers() throws Exception {
    ScanSession session = sessions.open(FIVE_MINUTES);
    CompletableFuture<ScanSession> waiter = sessions.awaitAsync(session.id());
    clock.advance(FIVE_MINUTES);

    assertThat(within(waiter).state()).isEqualTo(State.EXPIRED);
    assertThat(sessions.accept(scanOf(session, "openid-1"))).isEqualTo(ScanOutcome.EXPIRED);
    assertThat(refusal(() -> sessions.consume(session.id()))).isEqualTo(Reason.EXPIRED);
    assertThat(within(sessions.awaitAsync(session.id())).state()).isEqualTo(State.EXPIRED);
  }

  @Test
  void a_scanned_session_not_consumed_in_time_expires() {
    ScanSession session = sessions.open(FIVE_MINUTES);
    sessions.accept(scanOf(session, "openid-1"));
    clock.advance(FIVE_MINUTES);
    assertThat(refusal(() -> sessions.consume(session.id()))).isEqualTo(Reason.EXPIRED);
  }

  @Test
  void unknown_ids_and_ids_of_another_shape_are_unknown() {
    String unknown = ScanSession.newId(new java.security.SecureRandom());
    assertThat(sessions.find(unknown)).isEmpty();
    assertThat(sessions.find("../../etc/passwd")).isEmpty();
    assertThat(refusal(() -> sessions.consume(unknown))).isEqualTo(Reason.UNKNOWN);
    assertThat(refusal(() -> sessions.consume("not-an-id"))).isEqualTo(Reason.UNKNOWN);
    assertThat(refusal(() -> sessions.await(unknown, Duration.ofSeconds(1)))).isEqualTo(Reason.UNKNOWN);
    assertThat(sessions.awaitAsync("not-an-id")).isCompletedExceptionally();
    assertThat(sessions.awaitAsync(unknown)).isCompletedExceptionally();
    ScanEvent ofUnknown = new ScanEvent(ScanEvent.Kind.SCAN, "openid-1", "gh_1", unknown, null, clock.instant());
    assertThat(sessions.accept(ofUnknown)).isEqualTo(ScanOutcome.UNKNOWN);
  }

  @Test
  void a_scan_of_another_scene_is_left_to_the_host_and_touches_no_session() {
    ScanEvent other = new ScanEvent(ScanEvent.Kind.SCAN, "openid-1", "gh_1", "session-42", null, clock.instant());
    assertThat(sessions.accept(other)).isEqualTo(ScanOutcome.NOT_A_SESSION);
    assertThat(ScanOutcome.NOT_A_SESSION.claimed()).isFalse();
    assertThat(ScanOutcome.AFTER_CONSUMPTION.claimed()).isTrue();
  }

  @Test
  void await_returns_the_session_still_waiting_when_the_timeout_passes_first() {
    ScanSession session = sessions.open(FIVE_MINUTES);
    assertThat(sessions.await(session.id(), Duration.ofMillis(50)).state()).isEqualTo(State.WAITING);
    assertThatThrownBy(() -> sessions.await(session.id(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
  }

  @Test
  void an_interrupted_await_is_upstream_unavailable_and_keeps_the_interrupt() {
    ScanSession session = sessions.open(FIVE_MINUTES);
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> sessions.await(session.id(), Duration.ofSeconds(5)))
          .isInstanceOf(UpstreamUnavailable.class).hasMessageContaining("interrupted")
          .hasMessageNotContaining(session.id());
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void a_store_that_fails_fails_the_wait_with_its_own_exception() {
    UpstreamUnavailable down = new UpstreamUnavailable("Redis down");
    ScanSessionStore failing = new DelegatingStore(store) {
      @Override
      public Subscription subscribe(String id, Consumer<ScanSession> listener) {
        throw down;
      }
    };
    ScanSessions overFailing = new ScanSessions(Sessions.service(clock), failing, clock);
    ScanSession session = sessions.open(FIVE_MINUTES);
    assertThatThrownBy(() -> overFailing.awaitAsync(session.id()).get()).isInstanceOf(ExecutionException.class)
        .hasCause(down);
    assertThatThrownBy(() -> overFailing.await(session.id(), Duration.ofSeconds(1))).isSameAs(down);
  }

  @Test
  void a_thousand_waiters_need_no_thread_each_and_each_is_completed_by_its_scan() throws Exception {
    List<ScanSession> opened = new ArrayList<>();
    List<CompletableFuture<ScanSession>> waiters = new ArrayList<>();
    int threadsBefore = Thread.activeCount();
    for (int i = 0; i < 1_000; i++) {
      ScanSession session = sessions.open(FIVE_MINUTES);
      opened.add(session);
      waiters.add(sessions.awaitAsync(session.id()));
    }
    assertThat(Thread.activeCount() - threadsBefore).as("threads started for 1,000 waiters").isLessThan(5);
    for (int i = 0; i < opened.size(); i++) {
      sessions.accept(scanOf(opened.get(i), "openid-" + i));
    }
    for (int i = 0; i < waiters.size(); i++) {
      assertThat(within(waiters.get(i)).scan().openId()).isEqualTo("openid-" + i);
    }
  }

  @Test
  void cancelling_a_wait_ends_its_subscription() {
    ScanSession session = sessions.open(FIVE_MINUTES);
    List<String> subscribed = new ArrayList<>();
    ScanSessionStore counting = new DelegatingStore(store) {
      @Override
      public Subscription subscribe(String id, Consumer<ScanSession> listener) {
        Subscription real = super.subscribe(id, listener);
        subscribed.add("open");
        return () -> {
          subscribed.add("closed");
          real.close();
        };
      }
    };
    ScanSessions overCounting = new ScanSessions(Sessions.service(clock), counting, clock);
    overCounting.awaitAsync(session.id()).cancel(false);
    assertThat(subscribed).containsExactly("open", "closed");
  }

  @Test
  void to_string_names_the_store() {
    assertThat(sessions.toString()).startsWith("ScanSessions[ScanSessionStore.inProcess(");
  }

  private static Reason refusal(Runnable call) {
    try {
      call.run();
    } catch (ScanSessionRefused e) {
      assertThat(e.getMessage()).contains("refused: " + e.reason());
      return e.reason();
    }
    throw new AssertionError("not refused");
  }

  /** A store passing every call on, for tests that change one. */
  private static class DelegatingStore implements ScanSessionStore {
    private final ScanSessionStore inner;

    DelegatingStore(ScanSessionStore inner) {
      this.inner = inner;
    }

    @Override
    public void create(ScanSession session) {
      inner.create(session);
    }

    @Override
    public Optional<ScanSession> find(String id) {
      return inner.find(id);
    }

    @Override
    public Transition scan(String id, ScanSession.Scan scan) {
      return inner.scan(id, scan);
    }

    @Override
    public Transition consume(String id) {
      return inner.consume(id);
    }

    @Override
    public Subscription subscribe(String id, Consumer<ScanSession> listener) {
      return inner.subscribe(id, listener);
    }
  }
}
