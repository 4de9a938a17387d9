package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.port.PushLedger;
import io.github.wechatqr.domain.port.PushLedger.Claim;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link PushLedger} follows, over two instances of a host application sharing one backing:
 * each call of {@link #instance()} in a test is another instance (for Redis: another connection to the same
 * keys). Subclass it with the factory:
 *
 * <pre>{@code
 * class MyLedgerTest extends PushLedgerContract {
 *   protected PushLedger instance() {
 *     return new MyLedger(sharedBackend);
 *   }
 * }
 * }</pre>
 */
public abstract class PushLedgerContract {
  private static final Duration WINDOW = Duration.ofMinutes(11);
  private static final AtomicInteger PUSHES = new AtomicInteger();
  private PushLedger a;
  private PushLedger b;

  /**
   * Makes one instance of the ledger under test; instances made within one test share the backing.
   *
   * @return another instance over the test's backing
   */
  protected abstract PushLedger instance();

  @BeforeEach
  void twoInstances() {
    a = instance();
    b = instance();
  }

  private static String newPush() {
    return String.format("%064x", System.nanoTime() * 1_000 + PUSHES.incrementAndGet());
  }

  @Test
  void a_push_claimed_on_one_instance_is_in_progress_on_the_other() {
    String push = newPush();
    assertThat(a.claim(push)).isEqualTo(Claim.FIRST);
    assertThat(b.claim(push)).isEqualTo(Claim.IN_PROGRESS);
    assertThat(a.claim(push)).isEqualTo(Claim.IN_PROGRESS);
  }

  @Test
  void a_push_completed_on_one_instance_is_a_duplicate_on_every_instance() {
    String push = newPush();
    a.claim(push);
    a.completed(push, WINDOW);
    assertThat(b.claim(push)).isEqualTo(Claim.DUPLICATE);
    assertThat(a.claim(push)).isEqualTo(Claim.DUPLICATE);
  }

  @Test
  void a_push_abandoned_is_handled_afresh_by_the_next_claim_anywhere() {
    String push = newPush();
    a.claim(push);
    a.abandoned(push);
    assertThat(b.claim(push)).isEqualTo(Claim.FIRST);
  }

  @Test
  void an_instance_abandoning_a_claim_it_does_not_hold_leaves_the_holders_claim() {
    String push = newPush();
    assertThat(a.claim(push)).isEqualTo(Claim.FIRST);
    assertThat(b.claim(push)).isEqualTo(Claim.IN_PROGRESS);
    b.abandoned(push);
    assertThat(b.claim(push)).isEqualTo(Claim.IN_PROGRESS);
  }

  @Test
  void other_pushes_are_not_touched() {
    String push = newPush();
    String other = newPush();
    a.claim(push);
    a.completed(push, WINDOW);
    assertThat(b.claim(other)).isEqualTo(Claim.FIRST);
  }

  @Test
  void of_sixteen_claims_racing_on_both_instances_exactly_one_is_first() throws Exception {
    String push = newPush();
    CountDownLatch start = new CountDownLatch(1);
    NewThreads threads = NewThreads.named("ledger-racer");
    List<CompletableFuture<Claim>> racing = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      PushLedger on = i % 2 == 0 ? a : b;
      racing.add(CompletableFuture.supplyAsync(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        return on.claim(push);
      }, threads));
    }
    start.countDown();
    List<Claim> claims = new ArrayList<>();
    for (CompletableFuture<Claim> racer : racing) {
      claims.add(racer.get(10, TimeUnit.SECONDS));
    }
    assertThat(claims).containsOnlyOnce(Claim.FIRST).filteredOn(claim -> claim != Claim.FIRST)
        .hasSize(15).containsOnly(Claim.IN_PROGRESS);
  }
}
