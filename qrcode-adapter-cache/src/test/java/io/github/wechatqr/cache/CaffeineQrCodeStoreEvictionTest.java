package io.github.wechatqr.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.wechatqr.domain.AppId;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Expiry and eviction keep the ticket cache and the request index in step. */
class CaffeineQrCodeStoreEvictionTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private int serial;

  private QrCode temporary(SceneValue scene, Duration lifetime) {
    Instant now = clock.instant();
    serial++;
    return new QrCode(QrCodeRequest.temporary(scene, lifetime), new Ticket("gQH+/" + serial + "AAB/w=="),
        "http://weixin.qq.com/q/" + serial, now, now.plus(lifetime));
  }

  private QrCode permanent(int scene) {
    serial++;
    return new QrCode(QrCodeRequest.permanent(SceneValue.of(scene)), new Ticket("perm-" + serial),
        "http://weixin.qq.com/q/p" + serial, clock.instant(), null);
  }

  private CaffeineQrCodeStore store(long maximumSize) {
    return new CaffeineQrCodeStore(CacheRuntime.sameThread(clock), maximumSize);
  }

  /** Every cached code is the latest of its request and the index holds exactly those: nothing stale. */
  private static void assertConsistent(CaffeineQrCodeStore store, List<QrCode> saved) {
    store.cleanUp();
    long held = saved.stream().filter(code -> store.findByTicket(code.ticket()).isPresent()).count();
    assertThat(saved).allSatisfy(code -> assertThat(store.findByRequest(code.request()).isPresent())
        .as("found by request iff found by ticket: %s", code.request())
        .isEqualTo(store.findByTicket(code.ticket()).isPresent()));
    assertThat(store.requestIndexSize()).isEqualTo(held).isEqualTo(store.estimatedSize());
    assertThat(store.staleIndexEntries()).isZero();
  }

  @Test
  void the_views_of_several_accounts_share_one_size_bound_and_evictions_keep_each_index_in_step() {
    CaffeineQrCodeStore shared = store(10);
    CaffeineQrCodeStore a = shared.forAccount(AppId.of("wxshopa"));
    CaffeineQrCodeStore b = shared.forAccount(AppId.of("wxshopb"));
    List<QrCode> ofA = IntStream.range(0, 30).mapToObj(i -> temporary(SceneValue.of(i + 1), HOUR)).toList();
    List<QrCode> ofB = IntStream.range(0, 30).mapToObj(i -> temporary(SceneValue.of(i + 1), HOUR)).toList();
    for (int i = 0; i < 30; i++) {
      a.save(ofA.get(i));
      b.save(ofB.get(i));
    }
    shared.cleanUp();
    assertThat(shared.estimatedSize()).as("one bound for both accounts").isLessThanOrEqualTo(10);
    assertThat(a.estimatedSize()).isEqualTo(shared.estimatedSize());
    assertThat(shared.requestIndexSize()).isEqualTo(shared.estimatedSize());
    assertThat(shared.staleIndexEntries()).isZero();
    assertThat(ofB).allSatisfy(code -> assertThat(a.findByTicket(code.ticket())).isEmpty());
    assertThat(ofA).allSatisfy(code -> assertThat(a.findByRequest(code.request()).isPresent())
        .isEqualTo(a.findByTicket(code.ticket()).isPresent()));
  }

  @Test
  void a_code_hot_for_one_account_is_never_served_to_another_from_the_decoded_codes() {
    CaffeineQrCodeStore shared = store(1_000);
    CaffeineQrCodeStore a = shared.forAccount(AppId.of("wxshopa"));
    CaffeineQrCodeStore b = a.forAccount(AppId.of("wxshopb"));
    QrCode code = temporary(SceneValue.of("login"), HOUR);
    a.save(code);
    for (int i = 0; i < 3; i++) {
      assertThat(a.findByRequest(code.request(), clock.instant())).contains(code); // hot from now on
    }
    assertThat(b.findByRequest(code.request(), clock.instant())).isEmpty();
    assertThat(b.findByRequest(code.request())).isEmpty();
    assertThat(shared.findByRequest(code.request())).isEmpty();
    assertThat(shared.forAccount(AppId.of("wxshopa")).findByRequest(code.request())).contains(code);
    assertThat(a).hasToString("CaffeineQrCodeStore[account #1]");
    assertThat(shared).hasToString("CaffeineQrCodeStore[no account]");
  }

  @Test
  void codes_evicted_by_the_size_bound_leave_no_index_entry_behind() {
    CaffeineQrCodeStore store = store(10);
    List<QrCode> saved = IntStream.range(0, 50).mapToObj(i -> temporary(SceneValue.of(i + 1), HOUR)).toList();
    saved.forEach(store::save);
    store.cleanUp();
    assertThat(store.estimatedSize()).isEqualTo(10);
    assertThat(store.requestIndexSize()).isEqualTo(10);
    assertThat(store.stats().evictionCount()).isEqualTo(40);
    assertConsistent(store, saved);
  }

  @Test
  void expired_codes_leave_the_index_once_maintenance_runs() {
    CaffeineQrCodeStore store = store(1_000);
    List<QrCode> saved = IntStream.range(0, 20).mapToObj(i -> temporary(SceneValue.of("s" + i), HOUR)).toList();
    saved.forEach(store::save);
    store.save(permanent(1));
    assertThat(store.requestIndexSize()).isEqualTo(21);
    clock.advance(HOUR);
    store.cleanUp();
    assertThat(store.requestIndexSize()).isEqualTo(1);
    assertThat(store.estimatedSize()).isEqualTo(1);
  }

  @Test
  void a_scheduler_on_the_domain_clock_removes_expired_codes_without_any_read() {
    ClockScheduler scheduler = new ClockScheduler(clock);
    CaffeineQrCodeStore store = new CaffeineQrCodeStore(new CacheRuntime(clock, Runnable::run, scheduler), 100);
    store.save(temporary(SceneValue.of(1), HOUR));
    store.save(temporary(SceneValue.of(2), HOUR.multipliedBy(2)));
    clock.advance(HOUR.minusSeconds(1));
    scheduler.runDue();
    assertThat(store.requestIndexSize()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(2));
    assertThat(scheduler.runDue()).isPositive();
    assertThat(store.requestIndexSize()).isEqualTo(1);
    assertThat(store.estimatedSize()).isEqualTo(1);
  }

  @Test
  void when_a_replaced_code_expires_the_index_keeps_pointing_at_its_replacement() {
    CaffeineQrCodeStore store = store(100);
    QrCode old = temporary(SceneValue.of(7), HOUR);
    store.save(old);
    clock.advance(Duration.ofMinutes(40));
    QrCode replacement = temporary(SceneValue.of(7), HOUR);
    store.save(replacement);
    assertThat(store.estimatedSize()).isEqualTo(2);
    clock.set(old.expiresAt());
    store.cleanUp();
    assertThat(store.estimatedSize()).isEqualTo(1);
    assertThat(store.requestIndexSize()).isEqualTo(1);
    assertThat(store.findByRequest(old.request())).contains(replacement);
  }

  @Test
  void when_the_latest_code_is_evicted_its_request_finds_nothing_rather_than_a_missing_code() {
    CaffeineQrCodeStore store = store(1);
    QrCode first = temporary(SceneValue.of(1), HOUR);
    QrCode second = temporary(SceneValue.of(2), HOUR);
    store.save(first);
    store.save(second);
    store.cleanUp();
    assertThat(store.estimatedSize()).isEqualTo(1);
    assertThat(store.requestIndexSize()).isEqualTo(1);
    assertConsistent(store, List.of(first, second));
  }

  @Test
  void a_size_bound_of_zero_keeps_nothing_and_indexes_nothing() {
    CaffeineQrCodeStore store = store(0);
    QrCode code = permanent(1);
    store.save(code);
    store.cleanUp();
    assertThat(store.findByRequest(code.request())).isEmpty();
    assertThat(store.findByTicket(code.ticket())).isEmpty();
    assertThat(store.requestIndexSize()).isZero();
  }

  @Test
  void a_code_saved_already_expired_is_never_found_and_leaves_no_index_entry() {
    CaffeineQrCodeStore store = store(10);
    QrCode code = temporary(SceneValue.of(1), HOUR);
    clock.advance(Duration.ofHours(2));
    store.save(code);
    assertThat(store.findByRequest(code.request())).isEmpty();
    assertThat(store.findByTicket(code.ticket())).isEmpty();
    store.cleanUp();
    assertThat(store.requestIndexSize()).isZero();
  }

  @Test
  void saving_a_ticket_again_under_another_request_drops_the_old_requests_index_entry() {
    CaffeineQrCodeStore store = store(10);
    QrCode code = temporary(SceneValue.of(1), HOUR);
    QrCode sameTicket = new QrCode(QrCodeRequest.temporary(SceneValue.of(2), HOUR), code.ticket(), code.url(),
        code.issuedAt(), code.expiresAt());
    store.save(code);
    store.save(sameTicket);
    assertThat(store.findByRequest(code.request())).isEmpty();
    assertThat(store.findByRequest(sameTicket.request())).contains(sameTicket);
    assertThat(store.findByTicket(code.ticket())).contains(sameTicket);
    assertThat(store.requestIndexSize()).isEqualTo(1);
  }

  @Test
  void concurrent_saves_past_the_size_bound_leave_the_index_consistent() throws Exception {
    CaffeineQrCodeStore store = new CaffeineQrCodeStore(CacheRuntime.of(clock), 64);
    List<QrCode> saved = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      saved.add(temporary(SceneValue.of(i % 500 + 1), HOUR)); // four codes per request, replacing each other
    }
    ExecutorService writers = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<Void>> done = IntStream.range(0, 4).mapToObj(w -> CompletableFuture.runAsync(() -> {
        for (int i = w; i < saved.size(); i += 4) {
          store.save(saved.get(i));
          store.findByRequest(saved.get(i).request());
        }
      }, writers)).toList();
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } finally {
      writers.shutdownNow();
    }
    store.cleanUp();
    assertThat(store.estimatedSize()).isLessThanOrEqualTo(64);
    assertThat(store.staleIndexEntries()).isZero();
    assertThat(store.requestIndexSize()).isPositive().isLessThanOrEqualTo(store.estimatedSize());
    assertThat(saved).allSatisfy(code -> store.findByRequest(code.request())
        .ifPresent(found -> assertThat(store.findByTicket(found.ticket())).contains(found)));
  }

  @Test
  void lookups_are_counted_in_the_statistics() {
    CaffeineQrCodeStore store = store(10);
    QrCode code = temporary(SceneValue.of(1), HOUR);
    store.save(code);
    store.findByTicket(code.ticket());
    store.findByTicket(new Ticket("unknown"));
    assertThat(store.stats().hitCount()).isEqualTo(1);
    assertThat(store.stats().missCount()).isEqualTo(1);
  }

  @Test
  void a_negative_size_bound_is_rejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> store(-1)).withMessageContaining("maximumSize");
  }
}
