package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.wechatqr.domain.port.CreationLock;
import io.github.wechatqr.domain.port.QrImageStore;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Each deliberately broken image store and creation lock must make its kit fail, in the tests that check
 * the broken duty and only there. The nested subclasses run here, through the JUnit Platform test kit.
 */
class ImageAndLockKitsRejectBrokenImplementationsTest {

  private static List<String> failedTests(Class<?> kitSubclass) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(kitSubclass)).execute()
        .testEvents().failed().stream()
        .map(Event::getTestDescriptor).map(d -> d.getDisplayName()).toList();
  }

  // --- QrImageStore ------------------------------------------------------------------------------

  static class DeadlineBlindStoreKit extends QrImageStoreContract {
    @Override
    protected QrImageStore createStore(Clock clock, long maximumBytes) {
      return new ReferenceImageStore(clock, maximumBytes, false, true);
    }
  }

  static class UnboundedStoreKit extends QrImageStoreContract {
    @Override
    protected QrImageStore createStore(Clock clock, long maximumBytes) {
      return new ReferenceImageStore(clock, maximumBytes, true, false);
    }
  }

  static class KeepsNothingKit extends QrImageStoreContract {
    @Override
    protected QrImageStore createStore(Clock clock, long maximumBytes) {
      return QrImageStore.none();
    }
  }

  @Test
  void the_image_kit_rejects_a_store_that_serves_images_past_their_deadline() {
    assertThat(failedTests(DeadlineBlindStoreKit.class)).containsExactlyInAnyOrder(
        "a_kept_image_is_found_until_its_deadline_and_never_from_then_on()",
        "an_image_whose_deadline_has_passed_is_not_kept()",
        "keeping_again_replaces_the_image_and_its_deadline()");
  }

  @Test
  void the_image_kit_rejects_a_store_without_a_byte_bound() {
    assertThat(failedTests(UnboundedStoreKit.class)).containsExactlyInAnyOrder(
        "the_images_found_never_total_more_than_the_byte_bound()",
        "an_image_larger_than_the_byte_bound_is_never_kept()");
  }

  @Test
  void the_store_that_keeps_nothing_breaks_only_the_rules_that_need_an_image_kept() {
    assertThat(failedTests(KeepsNothingKit.class)).containsExactlyInAnyOrder(
        "a_kept_image_is_found_until_its_deadline_and_never_from_then_on()",
        "an_image_without_a_deadline_stays()",
        "keeping_again_replaces_the_image_and_its_deadline()",
        "the_images_found_never_total_more_than_the_byte_bound()",
        "concurrent_keeps_each_find_their_own_image()",
        "two_accounts_on_one_store_never_see_each_others_images_even_for_the_same_ticket()");
  }

  // --- CreationLock ------------------------------------------------------------------------------

  /** Claims to exclude other holders, but runs every creation at once. */
  static class NonExclusiveLockKit extends CreationLockContract {
    @Override
    protected CreationLock createHolder() {
      return CreationLock.local();
    }
  }

  /** One lock for every request: creations of different requests queue behind each other. */
  static class OneLockForAllKit extends CreationLockContract {
    private final SharedCreationLocks locks = new SharedCreationLocks(request -> "all", true);

    @Override
    protected CreationLock createHolder() {
      return locks.holder();
    }
  }

  /** Releases the lock only when the creation succeeds. */
  static class KeptAfterFailureKit extends CreationLockContract {
    private final SharedCreationLocks locks = new SharedCreationLocks(request -> request, false);

    @Override
    protected CreationLock createHolder() {
      return locks.holder();
    }
  }

  @Test
  void the_lock_kit_rejects_a_lock_that_lets_two_holders_create_the_same_request_at_once() {
    assertThat(failedTests(NonExclusiveLockKit.class)).contains(
        "two_holders_never_run_a_creation_for_the_same_request_at_once()")
        .doesNotContain("the_result_of_the_creation_is_returned_and_it_runs_once_per_call()",
            "creations_for_different_requests_do_not_wait_for_each_other()");
  }

  @Test
  void the_lock_kit_rejects_a_lock_shared_by_every_request() {
    assertThat(failedTests(OneLockForAllKit.class))
        .containsExactly("creations_for_different_requests_do_not_wait_for_each_other()");
  }

  @Test
  void the_lock_kit_rejects_a_lock_that_a_failed_creation_keeps() {
    assertThat(failedTests(KeptAfterFailureKit.class))
        .containsExactly("an_exception_in_the_creation_reaches_the_caller_as_it_is_and_releases_the_lock()");
  }
}
