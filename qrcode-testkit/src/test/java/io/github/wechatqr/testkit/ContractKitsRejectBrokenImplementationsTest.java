package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.port.QrCodeGateway;
import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.token.AccessTokenFetcher;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.RefreshReason;
import io.github.wechatqr.domain.token.TokenEvents;
import io.github.wechatqr.domain.token.TokenKeeper;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.domain.token.TokenSlot;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * A kit that cannot fail proves nothing: each deliberately broken implementation below must make its kit
 * fail, and the failing tests must be the ones that check the broken duty. The nested subclasses are not
 * picked up by the build on their own; they run here, through the JUnit Platform test kit.
 */
class ContractKitsRejectBrokenImplementationsTest {

  private static List<String> failedTests(Class<?> kitSubclass) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(kitSubclass)).execute()
        .testEvents().failed().stream()
        .map(Event::getTestDescriptor).map(d -> d.getDisplayName()).toList();
  }

  // --- QrCodeStore -------------------------------------------------------------------------------

  /** Ignores the clock: serves expired codes. */
  static final class NeverExpiringStore implements QrCodeStore {
    final Map<Object, QrCode> map = new ConcurrentHashMap<>();

    @Override
    public Optional<QrCode> findByRequest(QrCodeRequest request) {
      return Optional.ofNullable(map.get(request));
    }

    @Override
    public Optional<QrCode> findByTicket(Ticket ticket) {
      return Optional.ofNullable(map.get(ticket));
    }

    @Override
    public void save(QrCode code) {
      map.put(code.request(), code);
      map.put(code.ticket(), code);
    }
  }

  /** Keeps one entry per request, so a replaced code's ticket no longer resolves. */
  static final class OneEntryPerRequestStore implements QrCodeStore {
    final Map<QrCodeRequest, QrCode> map = new ConcurrentHashMap<>();
    final Clock clock;

    OneEntryPerRequestStore(Clock clock) {
      this.clock = clock;
    }

    @Override
    public Optional<QrCode> findByRequest(QrCodeRequest request) {
      return Optional.ofNullable(map.get(request)).filter(c -> c.isValidAt(clock.instant()));
    }

    @Override
    public Optional<QrCode> findByTicket(Ticket ticket) {
      return map.values().stream().filter(c -> c.ticket().equals(ticket) && c.isValidAt(clock.instant()))
          .findFirst();
    }

    @Override
    public void save(QrCode code) {
      map.put(code.request(), code);
    }
  }

  static class NeverExpiringStoreKit extends QrCodeStoreContract {
    @Override
    protected QrCodeStore createStore(Clock clock) {
      return new NeverExpiringStore();
    }
  }

  static class OneEntryPerRequestStoreKit extends QrCodeStoreContract {
    @Override
    protected QrCodeStore createStore(Clock clock) {
      return new OneEntryPerRequestStore(clock);
    }
  }

  @Test
  void the_store_kit_rejects_a_store_that_ignores_expiry() {
    assertThat(failedTests(NeverExpiringStoreKit.class))
        .contains("a_temporary_code_expires_with_the_clock()");
  }

  @Test
  void the_store_kit_rejects_a_store_that_forgets_replaced_tickets() {
    assertThat(failedTests(OneEntryPerRequestStoreKit.class)).containsExactlyInAnyOrder(
        "saving_again_for_a_request_replaces_the_code_and_the_old_ticket_still_resolves_until_it_expires()",
        "concurrent_replacements_of_one_request_leave_a_consistent_winner()");
  }

  // --- AccessTokenStore --------------------------------------------------------------------------

  /** Checks and fetches without a lock: concurrent callers all fetch. */
  static final class RacyTokenStore implements AccessTokenStore {
    private volatile AccessToken current;
    private final Clock clock;
    private final TokenPolicy policy;
    private final AccessTokenFetcher fetcher;

    RacyTokenStore(Clock clock, TokenPolicy policy, AccessTokenFetcher fetcher) {
      this.clock = clock;
      this.policy = policy;
      this.fetcher = fetcher;
    }

    @Override
    public AccessToken get() {
      AccessToken token = current;
      if (token == null || !token.isUsableAt(clock.instant(), policy.safetyMargin())) {
        token = fetcher.fetch(RefreshReason.DUE);
        current = token;
      }
      return token;
    }

    @Override
    public synchronized void invalidate(AccessToken stale) {
      if (stale.equals(current)) {
        current = null;
      }
    }
  }

  /** Drops whatever token it holds on any invalidation, also a newer one. */
  static final class CarelessInvalidationStore implements AccessTokenStore {
    private final AccessTokenStore inner;
    private AccessToken latest;

    CarelessInvalidationStore(AccessTokenStore inner) {
      this.inner = inner;
    }

    @Override
    public synchronized AccessToken get() {
      latest = inner.get();
      return latest;
    }

    @Override
    public synchronized void invalidate(AccessToken stale) {
      if (latest != null) {
        inner.invalidate(latest);
      }
    }
  }

  /** Forgets why its token went: the fetch after a rejection is an ordinary one (the 40001 retry bug). */
  static final class ForgetfulSlot implements TokenSlot {
    private volatile AccessToken current;

    @Override
    public AccessToken current() {
      return current;
    }

    @Override
    public synchronized AccessToken renew(Renewal renewal) {
      if (renewal.needed(current)) {
        current = renewal.fetch(RefreshReason.DUE);
      }
      return current;
    }

    @Override
    public synchronized boolean reject(AccessToken stale) {
      boolean held = current != null && current.value().equals(stale.value());
      if (held) {
        current = null;
      }
      return held;
    }
  }

  static class RacyTokenStoreKit extends AccessTokenStoreContract {
    @Override
    protected AccessTokenStore createStore(Clock clock, TokenPolicy policy, AccessTokenFetcher fetcher,
        Executor refreshes) {
      return new RacyTokenStore(clock, policy, fetcher);
    }
  }

  static class CarelessInvalidationStoreKit extends AccessTokenStoreContract {
    @Override
    protected AccessTokenStore createStore(Clock clock, TokenPolicy policy, AccessTokenFetcher fetcher,
        Executor refreshes) {
      return new CarelessInvalidationStore(TokenKeeper.inProcess(clock, policy, refreshes, TokenEvents.NONE)
          .create(fetcher));
    }
  }

  static class ForgetfulRejectionKit extends AccessTokenStoreContract {
    @Override
    protected AccessTokenStore createStore(Clock clock, TokenPolicy policy, AccessTokenFetcher fetcher,
        Executor refreshes) {
      return new TokenKeeper(new ForgetfulSlot(), fetcher, clock, policy, refreshes, TokenEvents.NONE);
    }
  }

  /** Refreshes ahead on the caller's own thread. */
  static class CallerThreadRefreshKit extends AccessTokenStoreContract {
    @Override
    protected AccessTokenStore createStore(Clock clock, TokenPolicy policy, AccessTokenFetcher fetcher,
        Executor refreshes) {
      return TokenKeeper.inProcess(clock, policy, Runnable::run, TokenEvents.NONE).create(fetcher);
    }
  }

  /** Remembers no refusal and tries again at once after a failed refresh. */
  static class NoBackOffKit extends AccessTokenStoreContract {
    @Override
    protected AccessTokenStore createStore(Clock clock, TokenPolicy policy, AccessTokenFetcher fetcher,
        Executor refreshes) {
      TokenPolicy impatient = TokenPolicy.builder().safetyMargin(policy.safetyMargin())
          .refreshAhead(policy.refreshAhead()).retryDelay(Duration.ofMillis(1)).failureBackoff(Duration.ZERO).build();
      return TokenKeeper.inProcess(clock, impatient, refreshes, TokenEvents.NONE).create(fetcher);
    }
  }

  @Test
  void the_token_kit_rejects_a_store_without_single_flight() {
    assertThat(failedTests(RacyTokenStoreKit.class)).contains("thirty_two_concurrent_callers_cause_one_fetch()");
  }

  @Test
  void the_token_kit_rejects_a_store_that_drops_a_newer_token_on_a_late_invalidation() {
    assertThat(failedTests(CarelessInvalidationStoreKit.class)).contains(
        "a_late_invalidation_of_a_stale_token_keeps_the_newer_one()",
        "invalidating_a_token_the_store_never_held_changes_nothing()");
  }

  @Test
  void the_token_kit_rejects_a_store_whose_fetch_after_a_rejection_is_not_forced() {
    assertThat(failedTests(ForgetfulRejectionKit.class)).containsExactlyInAnyOrder(
        "invalidating_the_current_token_makes_the_next_get_fetch_a_forced_refresh()",
        "the_fetch_after_a_rejection_is_forced_whoever_causes_it()",
        "the_refresh_reason_is_right_when_sixteen_callers_race_a_rejection()");
  }

  @Test
  void the_token_kit_rejects_a_store_that_refreshes_on_the_callers_thread() {
    assertThat(failedTests(CallerThreadRefreshKit.class)).contains("refresh_ahead_never_blocks_a_caller()");
  }

  @Test
  void the_token_kit_rejects_a_store_without_back_off() {
    assertThat(failedTests(NoBackOffKit.class)).containsExactlyInAnyOrder(
        "a_refusal_is_remembered_for_the_back_off_window_and_costs_one_call()",
        "a_failed_refresh_keeps_the_token_and_waits_the_retry_delay()");
  }

  // --- QrCodeGateway -----------------------------------------------------------------------------

  static class UnencodedTicketGatewayKit extends QrCodeGatewayContract {
    @Override
    protected QrCodeGateway createGateway(GatewaySetup setup) {
      return new ReferenceHttpGateway(setup, false, true);
    }
  }

  static class NoTokenRefreshGatewayKit extends QrCodeGatewayContract {
    @Override
    protected QrCodeGateway createGateway(GatewaySetup setup) {
      return new ReferenceHttpGateway(setup, true, false);
    }
  }

  @Test
  void the_gateway_kit_rejects_a_gateway_that_sends_tickets_unencoded() {
    assertThat(failedTests(UnencodedTicketGatewayKit.class)).contains(
        "the_image_decodes_to_the_content_url()",
        "a_ticket_with_plus_slash_and_equals_is_url_encoded_once_and_sent_without_a_token()");
  }

  @Test
  void the_gateway_kit_rejects_a_gateway_that_does_not_refresh_a_rejected_token() {
    assertThat(failedTests(NoTokenRefreshGatewayKit.class))
        .containsExactly("a_one_off_40001_is_survived_by_exactly_one_token_refresh()");
  }
}
