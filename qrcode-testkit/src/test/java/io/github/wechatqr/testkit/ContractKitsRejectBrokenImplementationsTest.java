package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.port.AccessTokenStore;
import io.github.wechatqr.domain.port.QrCodeGateway;
import io.github.wechatqr.domain.port.QrCodeStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
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
    private final Duration margin;

    RacyTokenStore(Clock clock, Duration margin) {
      this.clock = clock;
      this.margin = margin;
    }

    @Override
    public AccessToken get(Supplier<AccessToken> fetcher) {
      AccessToken token = current;
      if (token == null || !token.isUsableAt(clock.instant(), margin)) {
        token = fetcher.get();
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
    private final InMemoryAccessTokenStore inner;
    private AccessToken latest;

    CarelessInvalidationStore(Clock clock, Duration margin) {
      this.inner = new InMemoryAccessTokenStore(clock, margin);
    }

    @Override
    public synchronized AccessToken get(Supplier<AccessToken> fetcher) {
      latest = inner.get(fetcher);
      return latest;
    }

    @Override
    public synchronized void invalidate(AccessToken stale) {
      if (latest != null) {
        inner.invalidate(latest);
      }
    }
  }

  static class RacyTokenStoreKit extends AccessTokenStoreContract {
    @Override
    protected AccessTokenStore createStore(Clock clock, Duration safetyMargin) {
      return new RacyTokenStore(clock, safetyMargin);
    }
  }

  static class CarelessInvalidationStoreKit extends AccessTokenStoreContract {
    @Override
    protected AccessTokenStore createStore(Clock clock, Duration safetyMargin) {
      return new CarelessInvalidationStore(clock, safetyMargin);
    }
  }

  @Test
  void the_token_kit_rejects_a_store_without_single_flight() {
    assertThat(failedTests(RacyTokenStoreKit.class)).containsExactly("thirty_two_concurrent_callers_cause_one_fetch()");
  }

  @Test
  void the_token_kit_rejects_a_store_that_drops_a_newer_token_on_a_late_invalidation() {
    assertThat(failedTests(CarelessInvalidationStoreKit.class)).containsExactlyInAnyOrder(
        "a_late_invalidation_of_a_stale_token_keeps_the_newer_one()",
        "invalidating_a_token_the_store_never_held_changes_nothing()");
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
