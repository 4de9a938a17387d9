package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.wechatqr.domain.AppId;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.port.AccountScoped;
import io.github.wechatqr.domain.port.CreationLock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link CreationLock} follows. Each call of {@link #createHolder()} stands for another
 * process of the host application holding the same lock (for Redis: another connection to the same keys).
 * Subclass it with the factory:
 *
 * <pre>{@code
 * class MyLockTest extends CreationLockContract {
 *   protected CreationLock createHolder() {
 *     return new MyLock(sharedBackend);
 *   }
 * }
 * }</pre>
 *
 * <p>A lock that relies on {@code QrCodeService}'s single flight instead of excluding other holders
 * ({@link CreationLock#local()}) overrides {@link #holdersExcludeEachOther()} to {@code false}: the
 * exclusion rules are then skipped, the others still apply.
 *
 * <p>A lock that can serve several accounts ({@link AccountScoped}) also proves that two accounts creating
 * the same request neither wait for each other nor share a lock, while one account's holders still exclude
 * each other; for a lock of one account those rules are skipped.
 */
public abstract class CreationLockContract {
  /** How long a rule that must happen may take before the test fails, saying what did not happen. */
  private static final Duration WAIT = Duration.ofSeconds(10);
  /**
   * How long one holder keeps the lock while another tries for it. Proving that something does not happen
   * takes a window: a correct lock never lets the other in, so this can only miss a broken lock whose other
   * holder takes longer than the window to reach the creation; it never fails a correct one.
   */
  private static final Duration HOLD = Duration.ofMillis(300);
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
  private static final QrCodeRequest REQUEST = QrCodeRequest.temporary(SceneValue.of(123), TEN_MINUTES);
  /** Each caller on a thread of its own, as callers in other processes would be: never a shared pool. */
  private static final Executor NEW_THREAD = task -> {
    Thread thread = new Thread(task, "creation-lock-contract");
    thread.setDaemon(true);
    thread.start();
  };

  private CreationLock first;
  private final AppId accountA = TwoAccounts.fresh();
  private final AppId accountB = TwoAccounts.fresh();
  private CreationLock second;

  /**
   * Makes one holder of the lock under test; holders made within one test share the lock, as processes
   * sharing a store do.
   *
   * @return another holder of the same lock
   */
  protected abstract CreationLock createHolder();

  /**
   * Tells whether holders exclude each other. {@code false} for a lock of one process that leaves
   * exclusion to {@code QrCodeService}'s single flight; the default is {@code true}.
   *
   * @return whether two holders never run a creation for the same request at once
   */
  protected boolean holdersExcludeEachOther() {
    return true;
  }

  @BeforeEach
  void createHolders() {
    first = createHolder();
    second = createHolder();
  }

  @Test
  void the_result_of_the_creation_is_returned_and_it_runs_once_per_call() {
    AtomicInteger runs = new AtomicInteger();
    assertThat(first.whileCreating(REQUEST, () -> "made-" + runs.incrementAndGet())).isEqualTo("made-1");
    assertThat(first.whileCreating(REQUEST, () -> "made-" + runs.incrementAndGet())).isEqualTo("made-2");
    assertThat(second.whileCreating(REQUEST, () -> "made-" + runs.incrementAndGet())).isEqualTo("made-3");
  }

  @Test
  void an_exception_in_the_creation_reaches_the_caller_as_it_is_and_releases_the_lock() {
    IllegalStateException bug = new IllegalStateException("a bug in the creation");
    UpstreamUnavailable down = new UpstreamUnavailable("WeChat down");
    assertThat(thrownWithin("the first failed creation", () -> first.whileCreating(REQUEST, () -> {
      throw bug;
    }))).isSameAs(bug);
    assertThat(thrownWithin("another holder's creation after a failed one",
        () -> second.whileCreating(REQUEST, () -> {
          throw down;
        }))).isSameAs(down);
    assertThat(within("the first holder to get the lock again after two failed creations",
        () -> first.whileCreating(REQUEST, () -> "after"))).isEqualTo("after");
  }

  @Test
  void two_holders_never_run_a_creation_for_the_same_request_at_once() throws Exception {
    assumeTrue(holdersExcludeEachOther(), "this lock leaves exclusion to QrCodeService's single flight");
    assertExclusive(first, second);
  }

  @Test
  void the_holders_of_one_account_exclude_each_other_on_a_lock_that_serves_several() throws Exception {
    assumeTrue(holdersExcludeEachOther(), "this lock leaves exclusion to QrCodeService's single flight");
    assertExclusive(TwoAccounts.view(first, CreationLock.class, accountA),
        TwoAccounts.view(second, CreationLock.class, accountA));
  }

  @Test
  void two_accounts_creating_the_same_request_do_not_wait_for_each_other() throws Exception {
    CreationLock a = TwoAccounts.view(first, CreationLock.class, accountA);
    CreationLock b = TwoAccounts.view(second, CreationLock.class, accountB);
    CountDownLatch bDone = new CountDownLatch(2);
    CompletableFuture<Boolean> held = CompletableFuture.supplyAsync(() -> a.whileCreating(REQUEST, () -> {
      for (CreationLock other : List.of(b, TwoAccounts.view(first, CreationLock.class, accountB))) {
        CompletableFuture.runAsync(() -> other.whileCreating(REQUEST, () -> {
          bDone.countDown();
          return "b";
        }), NEW_THREAD);
      }
      return await(bDone, WAIT);
    }), NEW_THREAD);
    assertThat(result(held, "account A's creation holding the request"))
        .as("account B's creations of the same request ran while account A held its lock").isTrue();
  }

  /** The second holder's creation starts only once the first holder's has ended. */
  private static void assertExclusive(CreationLock first, CreationLock second) {
    CountDownLatch firstInside = new CountDownLatch(1);
    CountDownLatch secondCalling = new CountDownLatch(1);
    CountDownLatch secondInside = new CountDownLatch(1);
    List<String> order = new CopyOnWriteArrayList<>();
    CompletableFuture<Boolean> overlapped = CompletableFuture.supplyAsync(() -> first.whileCreating(REQUEST, () -> {
      order.add("first in");
      firstInside.countDown();
      await(secondCalling, WAIT, "the second holder to call the lock");
      boolean overlap = await(secondInside, HOLD);
      order.add("first out");
      return overlap;
    }), NEW_THREAD);
    await(firstInside, WAIT, "the first holder's creation to start");
    CompletableFuture<String> fromSecond = CompletableFuture.supplyAsync(() -> {
      secondCalling.countDown();
      return second.whileCreating(REQUEST, () -> {
        order.add("second in");
        secondInside.countDown();
        return "second";
      });
    }, NEW_THREAD);

    assertThat(result(overlapped, "the first holder's creation")).as("the second creation ran inside the first")
        .isFalse();
    assertThat(result(fromSecond, "the second holder, once the first released the lock")).isEqualTo("second");
    assertThat(order).containsExactly("first in", "first out", "second in");
  }

  @Test
  void many_callers_on_two_holders_run_creations_of_one_request_one_at_a_time() throws Exception {
    assumeTrue(holdersExcludeEachOther(), "this lock leaves exclusion to QrCodeService's single flight");
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    int callers = 4;
    int rounds = 10;
    List<Integer> runs = new Callers<Integer>().start(callers, c -> () -> {
      CreationLock holder = c % 2 == 0 ? first : second;
      int mine = 0;
      for (int i = 0; i < rounds; i++) {
        mine += holder.whileCreating(REQUEST, () -> {
          if (inside.incrementAndGet() != 1) {
            overlaps.incrementAndGet();
          }
          Thread.yield(); // give another caller the chance to break in
          inside.decrementAndGet();
          return 1;
        });
      }
      return mine;
    }).results();
    assertThat(runs).containsOnly(rounds);
    assertThat(overlaps).as("creations that ran while another one was running").hasValue(0);
  }

  @Test
  void creations_for_different_requests_do_not_wait_for_each_other() throws Exception {
    List<QrCodeRequest> others = List.of(
        QrCodeRequest.temporary(SceneValue.of("123"), TEN_MINUTES), // same text, a string scene
        QrCodeRequest.permanent(SceneValue.of(123)), // same scene, permanent
        QrCodeRequest.temporary(SceneValue.of(123), TEN_MINUTES.plusSeconds(1))); // same scene, another lifetime
    CountDownLatch othersDone = new CountDownLatch(others.size() * 2);
    CompletableFuture<Boolean> held = CompletableFuture.supplyAsync(() -> first.whileCreating(REQUEST, () -> {
      for (QrCodeRequest other : others) {
        for (CreationLock holder : List.of(first, second)) {
          CompletableFuture.runAsync(() -> holder.whileCreating(other, () -> {
            othersDone.countDown();
            return other;
          }), NEW_THREAD);
        }
      }
      return await(othersDone, WAIT);
    }), NEW_THREAD);
    assertThat(result(held, "the creation holding the first request"))
        .as("every creation of another request ran while the first request's lock was held, on either holder")
        .isTrue();
  }

  private static <T> T within(String what, Supplier<T> call) {
    return result(CompletableFuture.supplyAsync(call, NEW_THREAD), what);
  }

  /** What {@code call} threw, on a thread of its own so that a lock never released fails here, loudly. */
  private static Throwable thrownWithin(String what, Supplier<?> call) {
    CompletableFuture<Throwable> thrown = CompletableFuture.supplyAsync(() -> {
      try {
        call.get();
        return null;
      } catch (RuntimeException e) {
        return e;
      }
    }, NEW_THREAD);
    Throwable failure = result(thrown, what);
    assertThat(failure).as(what + " threw nothing").isNotNull();
    return failure;
  }

  private static <T> T result(CompletableFuture<T> future, String what) {
    try {
      return future.get(WAIT.toMillis() + HOLD.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return fail("Waited " + WAIT + " for " + what + "; it did not finish (is the lock released?)");
    } catch (ExecutionException e) {
      return fail("Failed: " + what, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("Interrupted waiting for " + what);
    }
  }

  private static void await(CountDownLatch latch, Duration max, String what) {
    if (!await(latch, max)) {
      fail("Waited " + max + " for " + what + "; it did not happen");
    }
  }

  private static boolean await(CountDownLatch latch, Duration max) {
    try {
      return latch.await(max.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
