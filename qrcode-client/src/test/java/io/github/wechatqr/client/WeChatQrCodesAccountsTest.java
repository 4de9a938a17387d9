package io.github.wechatqr.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.cache.CacheRuntime;
import io.github.wechatqr.cache.CaffeineAccessTokenStore;
import io.github.wechatqr.cache.CaffeineImageStore;
import io.github.wechatqr.cache.CaffeineQrCodeStore;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.port.CreationLock;
import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.testkit.FakeCode;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.MutableClock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two accounts, each its own builder, sharing store instances: the builder scopes a store that serves
 * several accounts to its appid and refuses one that serves a single account to the second, so the
 * accounts never mix (the scenario: the same scene on both, a shared token store).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WeChatQrCodesAccountsTest {
  private static final String SHOP_A = "wxshopa000000001";
  private static final String SHOP_B = "wxshopb000000002";
  private static final String SECRET_A = "secretofshopa000000000000000001";
  private static final String SECRET_B = "secretofshopb000000000000000002";
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock)
      .account(SHOP_A, SECRET_A).account(SHOP_B, SECRET_B).start();
  private final CacheRuntime runtime = CacheRuntime.sameThread(clock);

  @AfterEach
  void stop() {
    fake.close();
  }

  private WeChatQrCodesBuilder account(String appId, String secret) {
    return WeChatQrCodes.builder().appId(appId).secret(secret)
        .apiBase(fake.baseUri()).mpBase(fake.baseUri()).clock(clock).sameThread();
  }

  private static ScanEvent scanOf(QrCode code) {
    return ScanEvent.fromPush("SCAN", code.request().scene().text(), "openid-1", "gh_account",
        code.ticket().value(), code.issuedAt()).orElseThrow();
  }

  private String creator(QrCode code) {
    return fake.code(code.ticket()).map(FakeCode::appId).orElseThrow();
  }

  @Test
  void the_same_scene_on_two_accounts_sharing_every_store_gives_each_its_own_code_image_and_scan() {
    CaffeineQrCodeStore codes = new CaffeineQrCodeStore(runtime, 1_000);
    CaffeineImageStore images = new CaffeineImageStore(runtime, 1L << 20);
    AccessTokenStore.Factory tokens = CaffeineAccessTokenStore.factory(runtime, TokenPolicy.defaults());
    CreationLock lock = CreationLock.local();
    try (WeChatQrCodes a = account(SHOP_A, SECRET_A).store(codes).images(images).tokenStore(tokens)
            .creationLock(lock).build();
        WeChatQrCodes b = account(SHOP_B, SECRET_B).store(codes).images(images).tokenStore(tokens)
            .creationLock(lock).build()) {
      QrCode onA = a.service().temporary(SceneValue.of("login"), TEN_MINUTES);
      QrCode onB = b.service().temporary(SceneValue.of("login"), TEN_MINUTES);
      for (int i = 0; i < 3; i++) { // alternating calls reuse each account's own code and token
        assertThat(a.service().temporary(SceneValue.of("login"), TEN_MINUTES)).isEqualTo(onA);
        assertThat(b.service().temporary(SceneValue.of("login"), TEN_MINUTES)).isEqualTo(onB);
      }

      assertThat(onB.ticket()).isNotEqualTo(onA.ticket());
      assertThat(creator(onA)).isEqualTo(SHOP_A);
      assertThat(creator(onB)).as("B's code was made by B, not found in A's entries").isEqualTo(SHOP_B);
      assertThat(fake.journal().count(FakeWeChatServer.CREATE)).isEqualTo(2);
      assertThat(fake.journal().tokenFetches()).as("one token per account, no 40001 refetch loop").isEqualTo(2);

      ResolvedScan scanOnA = a.service().resolve(scanOf(onA));
      ResolvedScan scanOnB = b.service().resolve(scanOf(onB));
      assertThat(scanOnA.issuedCode()).contains(onA);
      assertThat(scanOnB.issuedCode()).contains(onB);
      assertThat(b.service().resolve(scanOf(onA)).issuedCode()).as("A's ticket is not B's code").isEmpty();

      assertThat(a.service().image(onA).bytes()).isNotEmpty();
      assertThat(b.service().image(onB).bytes()).isNotEmpty();
      a.service().image(onA);
      b.service().image(onB);
      assertThat(fake.journal().count(FakeWeChatServer.SHOW_QRCODE)).as("each image downloaded once").isEqualTo(2);
      assertThat(codes.findByRequest(QrCodeRequest.temporary(SceneValue.of("login"), TEN_MINUTES)))
          .as("the shared store itself is no account's view").isEmpty();
    }
  }

  @Test
  void a_store_of_one_account_is_refused_to_a_second_account_until_the_first_is_closed() {
    QrCodeStore single = new OneAccountStore(new InMemoryQrCodeStore(clock));
    WeChatQrCodes a = account(SHOP_A, SECRET_A).store(single).build();
    try (WeChatQrCodes again = account(SHOP_A, SECRET_A).store(single).build()) {
      assertThat(again.service()).as("the same account may share it").isNotNull();
    }
    assertThatThrownBy(() -> account(SHOP_B, SECRET_B).store(single).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("store is already used by account " + SHOP_A)
        .hasMessageContaining("account " + SHOP_B + " cannot share it")
        .hasMessageNotContaining(SECRET_A).hasMessageNotContaining(SECRET_B);
    a.close();
    try (WeChatQrCodes b = account(SHOP_B, SECRET_B).store(single).build()) {
      assertThat(b.service().permanent(SceneValue.of(7))).satisfies(code -> assertThat(creator(code)).isEqualTo(SHOP_B));
    }
  }

  @Test
  void a_token_store_factory_that_hands_one_store_to_two_accounts_is_refused() {
    AtomicReference<AccessTokenStore> one = new AtomicReference<>();
    AccessTokenStore.Factory sharing = fetcher -> one.updateAndGet(held -> held != null ? held
        : CaffeineAccessTokenStore.factory(runtime, TokenPolicy.defaults()).create(fetcher));
    try (WeChatQrCodes a = account(SHOP_A, SECRET_A).tokenStore(sharing).build()) {
      assertThat(a.service().permanent(SceneValue.of(1))).satisfies(code -> assertThat(creator(code)).isEqualTo(SHOP_A));
      assertThatThrownBy(() -> account(SHOP_B, SECRET_B).tokenStore(sharing).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("tokenStore is already used by account " + SHOP_A);
    }
  }

  @Test
  void without_an_appid_a_store_is_used_as_it_is_and_a_one_account_store_is_claimed_for_no_account() {
    CaffeineQrCodeStore codes = new CaffeineQrCodeStore(runtime, 1_000);
    QrCodeStore single = new OneAccountStore(new InMemoryQrCodeStore(clock));
    try (WeChatQrCodes anonymous = WeChatQrCodes.builder().gateway(fake.gateway()).clock(clock).store(codes)
        .build();
        WeChatQrCodes alsoAnonymous = WeChatQrCodes.builder().gateway(fake.gateway()).clock(clock).store(single)
            .build()) {
      QrCode code = anonymous.service().temporary(SceneValue.of(3), TEN_MINUTES);
      assertThat(codes.findByTicket(code.ticket())).as("no appid, no view: the store itself").contains(code);
      assertThat(alsoAnonymous.service().permanent(SceneValue.of(3))).isNotNull();
      try (WeChatQrCodes a = account(SHOP_A, SECRET_A).store(codes).build()) {
        assertThat(a.service().temporary(SceneValue.of(3), TEN_MINUTES))
            .as("A's view does not see the store's own code").isNotEqualTo(code);
        assertThat(fake.journal().count(FakeWeChatServer.CREATE)).isEqualTo(1);
      }
      assertThatThrownBy(() -> account(SHOP_A, SECRET_A).store(single).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("store is already used by a builder without appId");
    }
  }

  /** A host's store that serves one account: it does not say it serves several. */
  private record OneAccountStore(QrCodeStore inner) implements QrCodeStore {
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
}
