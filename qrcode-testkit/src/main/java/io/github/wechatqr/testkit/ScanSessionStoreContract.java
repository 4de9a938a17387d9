package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.session.ScanSession;
import io.github.wechatqr.domain.session.ScanSession.State;
import io.github.wechatqr.domain.session.ScanSessionStore;
import io.github.wechatqr.domain.session.ScanSessionStore.Subscription;
import io.github.wechatqr.domain.session.ScanSessionStore.Transition;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link ScanSessionStore} follows, over two instances of a host application sharing one
 * backing: each call of {@link #instance(Clock)} in a test is another instance (for Redis: another
 * connection to the same keys; in process: another view of the one state). Subclass it with the factory:
 *
 * <pre>{@code
 * class MySessionStoreTest extends ScanSessionStoreContract {
 *   protected ScanSessionStore instance(Clock clock) {
 *     return new MySessionStore(sharedBackend, clock);
 *   }
 * }
 * }</pre>
 *
 * <p>A store that forgets expired sessions only as it goes (the in-process one sweeps as sessions are
 * created) overrides {@link #forgetsByTtl()} to {@code false}; the TTL rule is then skipped.
 */
public abstract class ScanSessionStoreContract {
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
  private static final int RACERS = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private ScanSessionStore a;
  private ScanSessionStore b;

  /**
   * Makes one instance of the store under test; instances made within one test share the backing, as the
   * instances of a host application sharing it do, and all are given the same clock.
   *
   * @param clock the clock the store judges expiry by
   * @return another instance over the test's backing
   */
  protected abstract ScanSessionStore instance(Clock clock);

  /**
   * Tells whether the backing forgets a session once its lifetime has passed in real time (a key's TTL).
   *
   * @return {@code true} by default
   */
  protected boolean forgetsByTtl() {
    return true;
  }

  /**
   * Tells how long a rule that must happen (a change told on the other instance, a TTL) may take before the
   * test fails, saying what did not happen.
   *
   * @return 10 seconds by default
   */
  protected Duration patience() {
    return Duration.ofSeconds(10);
  }

  @BeforeEach
  void twoInstances() {
    a = instance(clock);
    b = instance(clock);
  }

  private ScanSession waiting(Duration lifetime) {
    String id = ScanSession.newId(RANDOM);
    QrCodeRequest request = QrCodeRequest.temporary(SceneValue.of(id), lifetime);
    QrCode code = new QrCode(request, new Ticket("gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xLzAy"),
        "http://weixin.qq.com/q/02abc", clock.instant(), clock.instant().plus(lifetime));
    return ScanSession.waiting(code);
  }

  private ScanSession created(ScanSessionStore on) {
    ScanSession session = waiting(FIVE_MINUTES);
    on.create(session);
    return session;
  }

  private ScanSession.Scan scanBy(String openId) {
    return new ScanSession.Scan(openId, ScanEvent.Kind.SUBSCRIBE, clock.instant());
  }

  @Test
  void a_session_created_on_one_instance_is_read_on_the_other_as_it_was_made() {
    ScanSession session = created(a);
    assertThat(b.find(session.id())).contains(session);
    assertThat(a.find(session.id())).contains(session);
  }

  @Test
  void a_scan_on_one_instance_completes_a_waiter_on_the_other() throws Exception {
    ScanSession session = created(a);
    CompletableFuture<ScanSession> told = new CompletableFuture<>();
    Subscription subscription = b.subscribe(session.id(), told::complete);
    try {
      Transition scan = a.scan(session.id(), scanBy("openid-1"));
      assertThat(scan.applied()).isTrue();
      assertThat(scan.session()).isEqualTo(session.scanned(scanBy("openid-1")));
      ScanSession seen = told.get(patience().toMillis(), TimeUnit.MILLISECONDS);
      assertThat(seen.state()).isEqualTo(State.SCANNED);
      assertThat(seen.scan()).isEqualTo(scanBy("openid-1"));
      assertThat(seen.code()).isEqualTo(session.code());
    } finally {
      subscription.close();
    }
  }

  @Test
  void a_consumption_on_one_instance_is_told_on_the_other() throws Exception {
    ScanSession session = created(a);
    a.scan(session.id(), scanBy("openid-1"));
    CompletableFuture<ScanSession> told = new CompletableFuture<>();
    Subscription subscription = b.subscribe(session.id(), told::complete);
    try {
      assertThat(a.consume(session.id()).applied()).isTrue();
      assertThat(told.get(patience().toMillis(), TimeUnit.MILLISECONDS).state()).isEqualTo(State.CONSUMED);
    } finally {
      subscription.close();
    }
  }

  @Test
  void a_waiter_that_starts_after_the_scan_still_sees_it_by_subscribing_then_reading() {
    ScanSession session = created(a);
    a.scan(session.id(), scanBy("openid-1"));
    List<ScanSession> told = new CopyOnWriteArrayList<>();
    Subscription subscription = b.subscribe(session.id(), told::add);
    try {
      assertThat(b.find(session.id())).get().extracting(ScanSession::state).isEqualTo(State.SCANNED);
    } finally {
      subscription.close();
    }
  }

  @Test
  void a_closed_subscription_is_told_nothing_more() throws Exception {
    ScanSession session = created(a);
    List<String> told = new CopyOnWriteArrayList<>();
    Subscription closed = b.subscribe(session.id(), changed -> told.add("closed"));
    closed.close();
    closed.close();
    CompletableFuture<ScanSession> open = new CompletableFuture<>();
    Subscription subscription = b.subscribe(session.id(), open::complete);
    try {
      a.scan(session.id(), scanBy("openid-1"));
      open.get(patience().toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      subscription.close();
    }
    assertThat(told).as("told after the open subscription was, for the same change").isEmpty();
  }

  @Test
  void of_sixteen_scans_racing_on_both_instances_exactly_the_first_is_recorded() throws Exception {
    ScanSession session = created(a);
    List<Transition> results = race(i -> () -> (i % 2 == 0 ? a : b).scan(session.id(), scanBy("openid-" + i)));
    List<Transition> applied = results.stream().filter(Transition::applied).toList();
    assertThat(applied).hasSize(1);
    ScanSession.Scan winner = applied.get(0).session().scan();
    assertThat(b.find(session.id()).orElseThrow().scan()).isEqualTo(winner);
    assertThat(results).filteredOn(result -> !result.applied())
        .allSatisfy(result -> assertThat(result.session().scan()).isEqualTo(winner));
  }

  @Test
  void of_sixteen_consumptions_racing_on_both_instances_exactly_one_is_applied() throws Exception {
    ScanSession session = created(a);
    a.scan(session.id(), scanBy("openid-1"));
    List<Transition> results = race(i -> () -> (i % 2 == 0 ? a : b).consume(session.id()));
    assertThat(results).filteredOn(Transition::applied).hasSize(1);
    assertThat(results).filteredOn(result -> !result.applied())
        .hasSize(RACERS - 1)
        .allSatisfy(result -> assertThat(result.session().state()).isEqualTo(State.CONSUMED));
    assertThat(a.find(session.id()).orElseThrow().state()).isEqualTo(State.CONSUMED);
  }

  @Test
  void a_scan_after_consumption_is_refused_and_the_session_stays_consumed_by_its_first_scanner() {
    ScanSession session = created(a);
    a.scan(session.id(), scanBy("openid-1"));
    a.consume(session.id());

    Transition late = b.scan(session.id(), scanBy("openid-2"));
    assertThat(late.applied()).isFalse();
    assertThat(late.session().state()).isEqualTo(State.CONSUMED);
    assertThat(late.session().scan().openId()).isEqualTo("openid-1");
    Transition again = b.consume(session.id());
    assertThat(again.applied()).as("a second consumption").isFalse();
    assertThat(again.session().state()).isEqualTo(State.CONSUMED);
  }

  @Test
  void a_session_not_scanned_is_not_consumed() {
    ScanSession session = created(a);
    Transition early = b.consume(session.id());
    assertThat(early.applied()).isFalse();
    assertThat(early.session()).isEqualTo(session);
  }

  @Test
  void at_its_codes_expiry_by_the_clock_a_session_reads_expired_and_takes_no_scan_or_consumption() {
    ScanSession unscanned = created(a);
    ScanSession scanned = created(a);
    a.scan(scanned.id(), scanBy("openid-1"));
    clock.advance(FIVE_MINUTES);

    assertThat(b.find(unscanned.id())).get().extracting(ScanSession::state).isEqualTo(State.EXPIRED);
    Transition lateScan = b.scan(unscanned.id(), scanBy("openid-2"));
    assertThat(lateScan.applied()).isFalse();
    assertThat(lateScan.session().state()).isEqualTo(State.EXPIRED);
    Transition lateConsume = b.consume(scanned.id());
    assertThat(lateConsume.applied()).isFalse();
    assertThat(lateConsume.session().state()).isEqualTo(State.EXPIRED);
    assertThat(lateConsume.session().scan().openId()).isEqualTo("openid-1");
  }

  @Test
  void the_backing_forgets_a_session_once_its_lifetime_has_passed() {
    assumeTrue(forgetsByTtl(), "this store forgets expired sessions as it goes, not by a TTL");
    ScanSession session = waiting(Duration.ofSeconds(1));
    a.create(session);
    Await.until("the session to be forgotten by its TTL on both instances",
        () -> a.find(session.id()).or(() -> b.find(session.id())).isEmpty(), patience());
    assertThat(b.scan(session.id(), scanBy("openid-1"))).isEqualTo(Transition.unknown());
  }

  @Test
  void unknown_ids_are_unknown_everywhere() {
    String unknown = ScanSession.newId(RANDOM);
    assertThat(a.find(unknown)).isEmpty();
    assertThat(b.scan(unknown, scanBy("openid-1"))).isEqualTo(Transition.unknown());
    assertThat(a.consume(unknown)).isEqualTo(Transition.unknown());
    Subscription subscription = b.subscribe(unknown, changed -> { });
    try {
      assertThat(b.find(unknown)).isEmpty();
    } finally {
      subscription.close();
    }
  }

  @Test
  void a_session_is_created_once_and_only_waiting() {
    ScanSession session = created(a);
    assertThatThrownBy(() -> b.create(session)).isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining(session.id());
    assertThatThrownBy(() -> a.create(waiting(FIVE_MINUTES).scanned(scanBy("openid-1"))))
        .isInstanceOf(IllegalArgumentException.class);
    ScanSession late = waiting(Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> a.create(late)).as("a session whose code has expired")
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(b.find(session.id())).contains(session);
  }

  /** Runs {@value #RACERS} calls at once, each on a thread of its own, and returns their results. */
  private List<Transition> race(IntFunction<Supplier<Transition>> call)
      throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Transition>> racing = new ArrayList<>();
    NewThreads threads = NewThreads.named("session-racer");
    for (int i = 0; i < RACERS; i++) {
      Supplier<Transition> racer = call.apply(i);
      racing.add(CompletableFuture.supplyAsync(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        return racer.get();
      }, threads));
    }
    start.countDown();
    List<Transition> results = new ArrayList<>();
    for (CompletableFuture<Transition> racer : racing) {
      results.add(racer.get(patience().toMillis(), TimeUnit.MILLISECONDS));
    }
    return results;
  }
}
