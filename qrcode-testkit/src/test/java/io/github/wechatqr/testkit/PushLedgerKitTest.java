package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.wechatqr.domain.port.PushLedger;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The ledger kit passes a reference ledger (one map standing for the shared backing, each instance its own
 * owner) and fails a ledger whose instances share nothing, in the tests that need sharing and only there.
 */
class PushLedgerKitTest {

  /** The shared backing: push id to "done" or the claiming owner. */
  static final class Reference implements PushLedger {
    private final Map<String, String> shared;
    private final String owner;

    Reference(Map<String, String> shared, String owner) {
      this.shared = shared;
      this.owner = owner;
    }

    @Override
    public Claim claim(String pushId) {
      String before = shared.putIfAbsent(pushId, owner);
      if (before == null) {
        return Claim.FIRST;
      }
      return "done".equals(before) ? Claim.DUPLICATE : Claim.IN_PROGRESS;
    }

    @Override
    public void completed(String pushId, Duration remembered) {
      shared.put(pushId, "done");
    }

    @Override
    public void abandoned(String pushId) {
      shared.remove(pushId, owner);
    }
  }

  static class ReferenceKit extends PushLedgerContract {
    private final Map<String, String> shared = new ConcurrentHashMap<>();
    private int instances;

    @Override
    protected PushLedger instance() {
      return new Reference(shared, "instance-" + ++instances);
    }
  }

  static class IslandsKit extends PushLedgerContract {
    private int instances;

    @Override
    protected PushLedger instance() {
      return new Reference(new ConcurrentHashMap<>(), "instance-" + ++instances);
    }
  }

  private static Map<String, Long> outcome(Class<?> kitSubclass) {
    var events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(kitSubclass)).execute().testEvents();
    return Map.of("succeeded", events.succeeded().count(), "failed", events.failed().count());
  }

  @Test
  void the_reference_ledger_keeps_every_rule() {
    assertThat(outcome(ReferenceKit.class)).containsEntry("succeeded", 6L).containsEntry("failed", 0L);
  }

  @Test
  void the_kit_rejects_instances_that_share_nothing() {
    assertThat(EngineTestKit.engine("junit-jupiter").selectors(selectClass(IslandsKit.class)).execute()
        .testEvents().failed().stream().map(Event::getTestDescriptor).map(d -> d.getDisplayName()).toList())
        .containsExactlyInAnyOrder(
            "a_push_claimed_on_one_instance_is_in_progress_on_the_other()",
            "a_push_completed_on_one_instance_is_a_duplicate_on_every_instance()",
            "an_instance_abandoning_a_claim_it_does_not_hold_leaves_the_holders_claim()",
            "of_sixteen_claims_racing_on_both_instances_exactly_one_is_first()");
  }
}
