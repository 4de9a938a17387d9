package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.wechatqr.domain.AppId;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.port.AccountScoped;
import io.github.wechatqr.domain.port.CreationLock;
import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.port.QrImageStore;
import io.github.wechatqr.domain.token.AccessTokenFetcher;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.TokenEvents;
import io.github.wechatqr.domain.token.TokenKeeper;
import io.github.wechatqr.domain.token.TokenPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The kits' several-accounts rules can fail: a store whose views ignore the account (one set of keys for
 * every account) must fail exactly the rule about two accounts, and nothing else. The nested subclasses run
 * here, through the JUnit Platform test kit.
 */
class AccountKitsRejectAccountBlindViewsTest {

  private static List<String> failedTests(Class<?> kitSubclass) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(kitSubclass)).execute()
        .testEvents().failed().stream()
        .map(Event::getTestDescriptor).map(d -> d.getDisplayName()).toList();
  }

  /** Claims to serve several accounts, but every view is the one store. */
  record AccountBlindStore(QrCodeStore inner) implements QrCodeStore, AccountScoped<QrCodeStore> {
    @Override
    public QrCodeStore forAccount(AppId account) {
      return this;
    }

    @Override
    public Optional<QrCode> findByRequest(QrCodeRequest request) {
      return inner.findByRequest(request);
    }

    @Override
    public Optional<QrCode> findByTicket(Ticket ticket) {
      return inner.findByTicket(ticket);
    }

    @Override
    public void save(QrCode code) {
      inner.save(code);
    }
  }

  /** Claims to serve several accounts, but every view is the one image store. */
  record AccountBlindImages(QrImageStore inner) implements QrImageStore, AccountScoped<QrImageStore> {
    @Override
    public QrImageStore forAccount(AppId account) {
      return this;
    }

    @Override
    public Optional<QrImage> find(Ticket ticket) {
      return inner.find(ticket);
    }

    @Override
    public void keep(Ticket ticket, QrImage image, Instant until) {
      inner.keep(ticket, image, until);
    }
  }

  /** Claims to serve several accounts, but every account's view takes the same keys. */
  record AccountBlindLock(CreationLock inner) implements CreationLock, AccountScoped<CreationLock> {
    @Override
    public CreationLock forAccount(AppId account) {
      return this;
    }

    @Override
    public <T> T whileCreating(QrCodeRequest request, Supplier<T> creation) {
      return inner.whileCreating(request, creation);
    }
  }

  static class AccountBlindStoreKit extends QrCodeStoreContract {
    @Override
    protected QrCodeStore createStore(Clock clock) {
      return new AccountBlindStore(new InMemoryQrCodeStore(clock));
    }
  }

  static class AccountBlindImagesKit extends QrImageStoreContract {
    @Override
    protected QrImageStore createStore(Clock clock, long maximumBytes) {
      return new AccountBlindImages(new ReferenceImageStore(clock, maximumBytes, true, true));
    }
  }

  static class AccountBlindLockKit extends CreationLockContract {
    private final SharedCreationLocks locks = SharedCreationLocks.perRequest();

    @Override
    protected CreationLock createHolder() {
      return new AccountBlindLock(locks.holder());
    }
  }

  /** Hands every account the store made for the first one, as a factory returning one shared store would. */
  static class OneTokenStoreForAllAccountsKit extends AccessTokenStoreContract {
    private AccessTokenStore shared;

    @Override
    protected AccessTokenStore createStore(Clock clock, TokenPolicy policy, AccessTokenFetcher fetcher,
        Executor refreshes) {
      return TokenKeeper.inProcess(clock, policy, refreshes, TokenEvents.NONE).create(fetcher);
    }

    @Override
    protected AccessTokenStore createStore(AppId account, Clock clock, TokenPolicy policy,
        AccessTokenFetcher fetcher, Executor refreshes) {
      if (shared == null) {
        shared = createStore(clock, policy, fetcher, refreshes);
      }
      return shared;
    }
  }

  @Test
  void the_store_kit_rejects_views_that_ignore_the_account() {
    assertThat(failedTests(AccountBlindStoreKit.class)).containsExactly(
        "two_accounts_on_one_store_never_see_each_others_codes_even_for_the_same_scene_or_ticket()");
  }

  @Test
  void the_image_kit_rejects_views_that_ignore_the_account() {
    assertThat(failedTests(AccountBlindImagesKit.class)).containsExactly(
        "two_accounts_on_one_store_never_see_each_others_images_even_for_the_same_ticket()");
  }

  @Test
  void the_lock_kit_rejects_views_that_make_two_accounts_wait_for_each_other() {
    assertThat(failedTests(AccountBlindLockKit.class)).containsExactly(
        "two_accounts_creating_the_same_request_do_not_wait_for_each_other()");
  }

  @Test
  void the_token_kit_rejects_one_token_store_handed_to_two_accounts() {
    assertThat(failedTests(OneTokenStoreForAllAccountsKit.class)).containsExactly(
        "two_accounts_never_get_each_others_token_and_alternating_calls_fetch_nothing_more()");
  }

  @Test
  void a_store_of_one_account_skips_the_several_accounts_rule_instead_of_passing_it() {
    List<String> skipped = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(ContractKitsRejectBrokenImplementationsTest.NeverExpiringStoreKit.class)).execute()
        .testEvents().aborted().stream().map(Event::getTestDescriptor).map(d -> d.getDisplayName()).toList();
    assertThat(skipped).containsExactly(
        "two_accounts_on_one_store_never_see_each_others_codes_even_for_the_same_scene_or_ticket()");
  }
}
