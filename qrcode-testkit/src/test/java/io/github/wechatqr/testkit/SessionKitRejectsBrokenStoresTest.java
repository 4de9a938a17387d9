package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.wechatqr.domain.session.ScanSession;
import io.github.wechatqr.domain.session.ScanSession.State;
import io.github.wechatqr.domain.session.ScanSessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Each deliberately broken scan session store must make the kit fail, in the tests that check the broken
 * duty and only there. The nested subclasses run here, through the JUnit Platform test kit.
 */
class SessionKitRejectsBrokenStoresTest {

  private static List<String> failedTests(Class<?> kitSubclass) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(kitSubclass)).execute()
        .testEvents().failed().stream()
        .map(Event::getTestDescriptor).map(d -> d.getDisplayName()).toList();
  }

  /** Each instance an island: nothing is shared between instances. */
  static class IslandsKit extends ScanSessionStoreContract {
    @Override
    protected ScanSessionStore instance(Clock clock) {
      return ScanSessionStore.inProcess(clock);
    }

    @Override
    protected boolean forgetsByTtl() {
      return false;
    }

    @Override
    protected Duration patience() {
      return Duration.ofMillis(300); // it fails where it waits: no need to wait long
    }
  }

  /** Shared, but changes are never told, and consumption is not once, and expiry is ignored. */
  static class CarelessKit extends ScanSessionStoreContract {
    private final Careless shared = new Careless();

    @Override
    protected ScanSessionStore instance(Clock clock) {
      return shared;
    }

    @Override
    protected boolean forgetsByTtl() {
      return false;
    }

    @Override
    protected Duration patience() {
      return Duration.ofMillis(300); // it fails where it waits: no need to wait long
    }
  }

  static final class Careless implements ScanSessionStore {
    private final Map<String, ScanSession> sessions = new ConcurrentHashMap<>();

    @Override
    public void create(ScanSession session) {
      if (session.state() != State.WAITING || sessions.putIfAbsent(session.id(), session) != null) {
        throw new IllegalStateException("exists");
      }
    }

    @Override
    public Optional<ScanSession> find(String id) {
      return Optional.ofNullable(sessions.get(id));
    }

    @Override // atomic, so that the scan race fails for no broken duty of this store's
    public synchronized Transition scan(String id, ScanSession.Scan scan) {
      ScanSession kept = sessions.get(id);
      if (kept == null) {
        return Transition.unknown();
      }
      if (kept.state() != State.WAITING) {
        return Transition.refused(kept);
      }
      ScanSession after = kept.scanned(scan);
      sessions.put(id, after);
      return Transition.applied(after);
    }

    @Override
    public Transition consume(String id) {
      ScanSession kept = sessions.get(id);
      if (kept == null) {
        return Transition.unknown();
      }
      if (kept.state() == State.WAITING) {
        return Transition.refused(kept);
      }
      ScanSession after = kept.consumed();
      sessions.put(id, after);
      return Transition.applied(after); // again and again
    }

    @Override
    public Subscription subscribe(String id, Consumer<ScanSession> listener) {
      return () -> { };
    }

    @Override
    public String toString() {
      return "careless " + Instant.EPOCH;
    }
  }

  @Test
  void the_kit_rejects_instances_that_share_nothing() {
    assertThat(failedTests(IslandsKit.class)).containsExactlyInAnyOrder(
        "a_session_created_on_one_instance_is_read_on_the_other_as_it_was_made()",
        "a_scan_on_one_instance_completes_a_waiter_on_the_other()",
        "a_consumption_on_one_instance_is_told_on_the_other()",
        "a_waiter_that_starts_after_the_scan_still_sees_it_by_subscribing_then_reading()",
        "of_sixteen_scans_racing_on_both_instances_exactly_the_first_is_recorded()",
        "of_sixteen_consumptions_racing_on_both_instances_exactly_one_is_applied()",
        "a_scan_after_consumption_is_refused_and_the_session_stays_consumed_by_its_first_scanner()",
        "a_session_not_scanned_is_not_consumed()",
        "at_its_codes_expiry_by_the_clock_a_session_reads_expired_and_takes_no_scan_or_consumption()",
        "a_session_is_created_once_and_only_waiting()",
        "a_closed_subscription_is_told_nothing_more()");
  }

  @Test
  void the_kit_rejects_a_store_that_tells_nothing_consumes_again_and_never_expires() {
    assertThat(failedTests(CarelessKit.class)).containsExactlyInAnyOrder(
        "a_scan_on_one_instance_completes_a_waiter_on_the_other()",
        "a_consumption_on_one_instance_is_told_on_the_other()",
        "a_closed_subscription_is_told_nothing_more()",
        "of_sixteen_consumptions_racing_on_both_instances_exactly_one_is_applied()",
        "a_scan_after_consumption_is_refused_and_the_session_stays_consumed_by_its_first_scanner()",
        "at_its_codes_expiry_by_the_clock_a_session_reads_expired_and_takes_no_scan_or_consumption()",
        "a_session_is_created_once_and_only_waiting()");
  }
}
