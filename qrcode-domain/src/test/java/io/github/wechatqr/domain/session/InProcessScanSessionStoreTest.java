package io.github.wechatqr.domain.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.TestClock;
import io.github.wechatqr.domain.session.ScanSessionStore.Transition;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the store's contract kit (in the testkit, which the domain cannot use) leaves to this module. */
class InProcessScanSessionStoreTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final TestClock clock = TestClock.at("2026-01-01T00:00:00Z");
  private final ScanSessionStore store = ScanSessionStore.inProcess(clock);

  private ScanSession waiting(Duration lifetime) {
    return ScanSession.waiting(Sessions.code(ScanSession.newId(RANDOM), clock.instant(), lifetime));
  }

  @Test
  void only_a_waiting_unexpired_session_with_a_new_id_is_created() {
    ScanSession session = waiting(Duration.ofMinutes(1));
    store.create(session);
    assertThatThrownBy(() -> store.create(session)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(session.shortId()).hasMessageNotContaining(session.id());
    ScanSession.Scan scan = new ScanSession.Scan("o", ScanEvent.Kind.SCAN, clock.instant());
    assertThatThrownBy(() -> store.create(waiting(Duration.ofMinutes(1)).scanned(scan)))
        .isInstanceOf(IllegalArgumentException.class);
    ScanSession late = waiting(Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> store.create(late)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void expired_sessions_are_forgotten_as_new_ones_are_created() {
    ScanSession first = waiting(Duration.ofSeconds(10));
    store.create(first);
    clock.advance(Duration.ofSeconds(10));
    assertThat(store.find(first.id())).get().extracting(ScanSession::state).isEqualTo(ScanSession.State.EXPIRED);
    for (int i = 0; i < 256; i++) {
      store.create(waiting(Duration.ofMinutes(1)));
    }
    assertThat(store.find(first.id())).isEmpty();
    assertThat(store.toString()).isEqualTo("ScanSessionStore.inProcess(256 sessions)");
  }

  @Test
  void a_closed_subscription_is_told_nothing_and_others_still_are() {
    ScanSession session = waiting(Duration.ofMinutes(1));
    store.create(session);
    List<String> told = new ArrayList<>();
    ScanSessionStore.Subscription first = store.subscribe(session.id(), changed -> told.add("first"));
    ScanSessionStore.Subscription second = store.subscribe(session.id(), changed -> told.add("second"));
    first.close();
    first.close();
    store.scan(session.id(), new ScanSession.Scan("o", ScanEvent.Kind.SCAN, clock.instant()));
    second.close();
    store.consume(session.id());
    assertThat(told).containsExactly("second");
  }

  @Test
  void a_transition_that_was_applied_names_its_session() {
    assertThatThrownBy(() -> new Transition(true, null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Transition.unknown().current()).isEmpty();
  }
}
