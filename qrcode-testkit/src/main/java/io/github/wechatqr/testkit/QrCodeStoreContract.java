package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.AppId;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.port.AccountScoped;
import io.github.wechatqr.domain.port.QrCodeStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link QrCodeStore} keeps. Subclass it with the factory and nothing else:
 *
 * <pre>{@code
 * class MyStoreTest extends QrCodeStoreContract {
 *   protected QrCodeStore createStore(Clock clock) {
 *     return new MyStore(clock);
 *   }
 * }
 * }</pre>
 *
 * <p>A store that can serve several accounts ({@link AccountScoped}) also proves that two accounts' views
 * of one store never see each other's codes; for a store of one account that rule is skipped.
 */
public abstract class QrCodeStoreContract {
  private static final Duration HOUR = Duration.ofHours(1);

  /** The clock the store is given; move it to expire codes. */
  protected final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private QrCodeStore store;
  private final AppId accountA = TwoAccounts.fresh();
  private final AppId accountB = TwoAccounts.fresh();
  private int serial;

  /**
   * Creates the store under test.
   *
   * @param clock the store's only time source
   * @return a fresh, empty store
   */
  protected abstract QrCodeStore createStore(Clock clock);

  @BeforeEach
  void createStoreUnderTest() {
    store = createStore(clock);
  }

  private QrCode temporary(SceneValue scene, Duration lifetime) {
    Instant now = clock.instant();
    return new QrCode(QrCodeRequest.temporary(scene, lifetime), ticket(), "http://weixin.qq.com/q/" + serial,
        now, now.plus(lifetime));
  }

  private QrCode permanent(SceneValue scene) {
    return new QrCode(QrCodeRequest.permanent(scene), ticket(), "http://weixin.qq.com/q/p" + serial,
        clock.instant(), null);
  }

  private Ticket ticket() {
    return new Ticket("gQH+/" + ++serial + "+AAB/x==");
  }

  @Test
  void a_saved_code_is_found_by_request_and_by_ticket() {
    QrCode code = temporary(SceneValue.of(42), HOUR);
    store.save(code);
    assertThat(store.findByRequest(code.request())).contains(code);
    assertThat(store.findByTicket(code.ticket())).contains(code);
  }

  @Test
  void nothing_is_found_for_what_was_never_saved() {
    store.save(temporary(SceneValue.of(42), HOUR));
    assertThat(store.findByRequest(QrCodeRequest.temporary(SceneValue.of(43), HOUR))).isEmpty();
    assertThat(store.findByRequest(QrCodeRequest.temporary(SceneValue.of(42), HOUR.plusSeconds(1)))).isEmpty();
    assertThat(store.findByRequest(QrCodeRequest.permanent(SceneValue.of(42)))).isEmpty();
    assertThat(store.findByTicket(new Ticket("never-issued"))).isEmpty();
  }

  @Test
  void an_id_scene_and_a_string_scene_with_the_same_text_are_kept_apart() {
    QrCode id = temporary(SceneValue.of(123), HOUR);
    QrCode str = temporary(SceneValue.of("123"), HOUR);
    store.save(id);
    store.save(str);
    assertThat(store.findByRequest(id.request())).contains(id);
    assertThat(store.findByRequest(str.request())).contains(str);
  }

  @Test
  void every_field_survives_including_emoji_scenes_and_base64_tickets() {
    QrCode emoji = temporary(SceneValue.of("\uD83D\uDE00 qrscene_\"<&>\" 中文"), Duration.ofSeconds(2_592_000));
    QrCode negative = temporary(SceneValue.of(Integer.MIN_VALUE), Duration.ofSeconds(1));
    store.save(emoji);
    store.save(negative);
    assertThat(store.findByTicket(emoji.ticket())).contains(emoji);
    assertThat(store.findByRequest(negative.request())).contains(negative);
  }

  @Test
  void a_temporary_code_expires_with_the_clock() {
    QrCode code = temporary(SceneValue.of("s"), HOUR);
    store.save(code);
    clock.set(code.expiresAt().minusMillis(1));
    assertThat(store.findByRequest(code.request())).contains(code);
    assertThat(store.findByTicket(code.ticket())).contains(code);
    clock.set(code.expiresAt());
    assertThat(store.findByRequest(code.request())).isEmpty();
    assertThat(store.findByTicket(code.ticket())).isEmpty();
  }

  @Test
  void a_lookup_given_the_callers_clock_reading_judges_as_one_that_reads_the_clock() {
    // QrCodeService looks codes up with the reading it takes for its reuse decision
    QrCode code = temporary(SceneValue.of("read-once"), HOUR);
    QrCode permanent = permanent(SceneValue.of(7));
    store.save(code);
    store.save(permanent);
    assertThat(store.findByRequest(code.request(), clock.instant())).contains(code);
    assertThat(store.findByRequest(permanent.request(), clock.instant())).contains(permanent);
    assertThat(store.findByRequest(QrCodeRequest.temporary(SceneValue.of("never"), HOUR), clock.instant())).isEmpty();
    clock.set(code.expiresAt().minusMillis(1));
    assertThat(store.findByRequest(code.request(), clock.instant())).contains(code);
    clock.set(code.expiresAt());
    assertThat(store.findByRequest(code.request(), clock.instant())).isEmpty();
    assertThat(store.findByRequest(permanent.request(), clock.instant())).contains(permanent);
  }

  @Test
  void a_permanent_code_never_expires() {
    QrCode code = permanent(SceneValue.of(100_000));
    store.save(code);
    clock.advance(Duration.ofDays(3650));
    assertThat(store.findByRequest(code.request())).contains(code);
    assertThat(store.findByTicket(code.ticket())).contains(code);
  }

  @Test
  void saving_again_for_a_request_replaces_the_code_and_the_old_ticket_still_resolves_until_it_expires() {
    QrCode old = temporary(SceneValue.of(7), HOUR);
    store.save(old);
    clock.advance(Duration.ofMinutes(40));
    QrCode replacement = temporary(SceneValue.of(7), HOUR);
    store.save(replacement);
    assertThat(store.findByRequest(old.request())).contains(replacement);
    assertThat(store.findByTicket(replacement.ticket())).contains(replacement);
    assertThat(store.findByTicket(old.ticket())).contains(old);
    clock.set(old.expiresAt());
    assertThat(store.findByTicket(old.ticket())).isEmpty();
    assertThat(store.findByRequest(old.request())).contains(replacement);
  }

  @Test
  void concurrent_saves_and_reads_stay_consistent() throws Exception {
    int writers = 16;
    int codesEach = 25;
    List<List<QrCode>> saved = new Callers<List<QrCode>>().start(writers, w -> () -> {
      List<QrCode> mine = new java.util.ArrayList<>();
      for (int i = 0; i < codesEach; i++) {
        QrCode code;
        synchronized (this) {
          code = temporary(SceneValue.of("w" + w + "-" + i), HOUR);
        }
        store.save(code);
        assertThat(store.findByTicket(code.ticket())).contains(code);
        assertThat(store.findByRequest(code.request())).contains(code);
        mine.add(code);
      }
      return mine;
    }).results();
    assertThat(saved).flatMap(list -> list).hasSize(writers * codesEach).allSatisfy(code -> {
      assertThat(store.findByRequest(code.request())).contains(code);
      assertThat(store.findByTicket(code.ticket())).contains(code);
    });
  }

  @Test
  void concurrent_replacements_of_one_request_leave_a_consistent_winner() throws Exception {
    QrCodeRequest request = QrCodeRequest.temporary(SceneValue.of(1), HOUR);
    List<QrCode> candidates = new java.util.ArrayList<>();
    for (int i = 0; i < 16; i++) {
      candidates.add(temporary(SceneValue.of(1), HOUR));
    }
    new Callers<QrCode>().start(candidates.size(), i -> () -> {
      store.save(candidates.get(i));
      return candidates.get(i);
    }).results();
    QrCode winner = store.findByRequest(request).orElseThrow();
    assertThat(candidates).contains(winner);
    assertThat(store.findByTicket(winner.ticket())).contains(winner);
    assertThat(candidates).allSatisfy(code -> assertThat(store.findByTicket(code.ticket())).contains(code));
  }

  @Test
  void two_accounts_on_one_store_never_see_each_others_codes_even_for_the_same_scene_or_ticket() {
    QrCodeStore a = TwoAccounts.view(store, QrCodeStore.class, accountA);
    QrCodeStore b = TwoAccounts.view(store, QrCodeStore.class, accountB);
    QrCode ofA = temporary(SceneValue.of(42), HOUR);
    a.save(ofA);
    assertThat(b.findByRequest(ofA.request())).as("B asks for the scene A saved").isEmpty();
    assertThat(b.findByRequest(ofA.request(), clock.instant())).isEmpty();
    assertThat(b.findByTicket(ofA.ticket())).as("B resolves A's ticket").isEmpty();
    assertThat(store.findByRequest(ofA.request())).as("the store itself is no account's view").isEmpty();

    QrCode ofB = temporary(SceneValue.of(42), HOUR);
    b.save(ofB);
    assertThat(a.findByRequest(ofA.request())).contains(ofA);
    assertThat(b.findByRequest(ofB.request())).contains(ofB);
    assertThat(a.findByTicket(ofB.ticket())).isEmpty();
    assertThat(TwoAccounts.view(store, QrCodeStore.class, accountA).findByRequest(ofA.request()))
        .as("another view of the same account shares its codes").contains(ofA);

    Ticket same = new Ticket("gQH+/same+AAB/x==");
    QrCode sameOnA = new QrCode(QrCodeRequest.permanent(SceneValue.of("a")), same, "http://weixin.qq.com/q/a",
        clock.instant(), null);
    QrCode sameOnB = new QrCode(QrCodeRequest.permanent(SceneValue.of("b")), same, "http://weixin.qq.com/q/b",
        clock.instant(), null);
    a.save(sameOnA);
    b.save(sameOnB);
    assertThat(a.findByTicket(same)).contains(sameOnA);
    assertThat(b.findByTicket(same)).contains(sameOnB);
    assertThat(a.findByRequest(sameOnB.request())).isEmpty();
  }
}
