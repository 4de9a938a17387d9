package io.github.wechatqr.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.AccessTokenRejected;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.QuotaExceeded;
import io.github.wechatqr.domain.TicketNotFound;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fault soak: 16 threads issue, download, resolve and look up codes through the real adapters for a
 * bounded time (10 s in the default build, 60 s with {@code -Preliability}) while the fake faults 5% of
 * all upstream requests with every kind of fault. Every operation must end in time, in success or in the
 * domain exception its faults explain; no expired code is ever served; no thread is left behind.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FaultSoakTest {
  static final int THREADS = 16;
  /** A push is answered within the fake's 5 s push timeout; plus the slack. */
  static final Duration PUSH_BUDGET = Duration.ofSeconds(6);

  @Test
  void every_operation_under_faults_ends_in_time_in_success_or_its_expected_domain_error() throws Exception {
    ThreadCensus census = ThreadCensus.take();
    SoakResult soak = soak(Duration.ofSeconds(Reliability.soakSeconds()));
    List<String> leaked = census.leftAfter(Duration.ofSeconds(15));
    CallBudget budget = SoakRig.BUDGET;
    Reliability.publish("soak", soak.markdown(budget, THREADS, census.countBefore(), leaked.size()));

    assertThat(soak.violations()).as("what the workers found wrong").isEmpty();
    assertThat(leaked).as("threads left behind").isEmpty();
    for (SoakOp.Kind kind : SoakOp.Kind.values()) {
      assertThat(soak.ops()).as("successes of %s", kind).anyMatch(op -> op.kind() == kind && op.succeeded());
    }
    assertThat(soak.ops()).allSatisfy(op -> {
      assertThat(op.duration()).as("%s ending %s", op.kind(), op.outcome())
          .isLessThanOrEqualTo(SoakResult.budgetOf(op.kind(), budget));
      if (!op.succeeded()) {
        assertThat(expected(op)).as("%s ended in %s", op.kind(), op.failure()).isTrue();
      }
    });
    faultsExplainFailures(soak);
    upstreamCallsStayWithinTheRetryPolicy(soak, budget);
  }

  /** Runs the soak; on return nothing of the rig is reachable any more, so its threads can end. */
  private static SoakResult soak(Duration length) throws Exception {
    SoakRig rig = new SoakRig();
    Queue<SoakOp> ops = new ConcurrentLinkedQueue<>();
    Queue<String> violations = new ConcurrentLinkedQueue<>();
    AtomicReferenceArray<QrCode> recent = new AtomicReferenceArray<>(256);
    ExecutorService workers = Executors.newFixedThreadPool(THREADS);
    long deadline = System.nanoTime() + length.toNanos();
    for (int i = 0; i < THREADS; i++) {
      workers.execute(new SoakWorker(rig, deadline, SoakRig.FAULT_SEED + i, recent, ops, violations));
    }
    workers.shutdown();
    boolean finished = workers.awaitTermination(length.toSeconds() + 60, TimeUnit.SECONDS);
    int threadsDuring = Thread.activeCount();
    workers.shutdownNow();
    rig.close();
    if (!finished) {
      violations.add("the workers did not finish within a minute after the deadline");
    }
    return SoakResult.of(new ArrayList<>(ops), new ArrayList<>(violations), rig.fake.journal(), length, threadsDuring);
  }

  /**
   * The failures each operation may end in, given the faults: retried faults surface only once the
   * attempts run out (busy {@code -1}, 5xx, delay, drop: UpstreamUnavailable), quotas
   * at once, a stale token after its one refresh; an image also as TicketNotFound once the code expired
   * during the retries (the worker checks that). Resolving and looking up never reach WeChat.
   */
  private static boolean expected(SoakOp op) {
    QrCodeException failure = op.failure();
    boolean fromWeChat = failure instanceof UpstreamUnavailable
        || failure instanceof QuotaExceeded quota && (quota.errcode() == 45009 || quota.errcode() == 45011)
        || failure instanceof AccessTokenRejected stale && stale.stale();
    return switch (op.kind()) {
      case ISSUE_TEMPORARY, ISSUE_PERMANENT -> fromWeChat;
      case DOWNLOAD -> fromWeChat || failure instanceof TicketNotFound;
      case RESOLVE, LOOKUP -> false;
    };
  }

  /** Each kind of failure is no more frequent than the faults that can cause it. */
  private static void faultsExplainFailures(SoakResult soak) {
    assertThat(soak.injected()).as("every fault kind was injected").allSatisfy((fault, count) ->
        assertThat(count).as("%s", fault).isPositive());
    // The replay matches the journal wherever the journal can tell a fault (not for delays).
    for (int errcode : new int[] {-1, 42001, 45009, 45011}) {
      assertThat(soak.errcode(errcode)).as("errcode %d", errcode).isEqualTo(soak.injected(Fault.errcode(errcode)));
    }
    assertThat(soak.errcode(40001)).as("40001: injected, plus natural ones for tokens the injected ones retired")
        .isGreaterThanOrEqualTo(soak.injected(Fault.errcode(40001)));
    assertThat(soak.status(500) + soak.status(502)).isEqualTo(soak.injected(Fault.status(500))
        + soak.injected(Fault.status(502)));
    assertThat(soak.status(503)).as("503: injected, plus delayed answers cut short by closing the fake")
        .isGreaterThanOrEqualTo(soak.injected(Fault.status(503)));
    assertThat(soak.status(0)).as("dropped connections").isEqualTo(soak.injected(Fault.Drop.class));

    // Counted by distinct exception: callers that joined an identical call under way share its failure.
    assertThat(soak.distinct(AccessTokenRejected.class)).isLessThanOrEqualTo(soak.errcode(40001) + soak.errcode(42001));
    assertThat(soak.distinct("QuotaExceeded 45009")).isLessThanOrEqualTo(soak.errcode(45009));
    assertThat(soak.distinct("QuotaExceeded 45011")).isLessThanOrEqualTo(soak.errcode(45011));
    assertThat(soak.distinct("UpstreamUnavailable -1")).isLessThanOrEqualTo(soak.errcode(-1));
    assertThat(soak.distinct("UpstreamUnavailable (" + SoakOp.SERVER_ERROR + ")"))
        .isLessThanOrEqualTo(soak.injected(Fault.Status.class));
    assertThat(soak.distinct("UpstreamUnavailable (" + SoakOp.CONNECTION + ")"))
        .isLessThanOrEqualTo(soak.injected(Fault.Drop.class));
    assertThat(soak.distinct("UpstreamUnavailable (" + SoakOp.TIMEOUT + ")"))
        .isLessThanOrEqualTo(soak.injected(Fault.Delay.class));
    assertThat(soak.outcomes().keySet()).as("UpstreamUnavailable without a cause the faults explain")
        .noneMatch(outcome -> outcome.startsWith("UpstreamUnavailable:"));
  }

  /** The requests each kind of operation may send, at most, by the retry policy. */
  private static void upstreamCallsStayWithinTheRetryPolicy(SoakResult soak, CallBudget budget) {
    long issues = soak.count(SoakOp.Kind.ISSUE_TEMPORARY, SoakOp.Kind.ISSUE_PERMANENT);
    long downloads = soak.count(SoakOp.Kind.DOWNLOAD);
    assertThat(soak.upstream(FakeWeChatServer.SHOW_QRCODE))
        .isLessThanOrEqualTo(budget.requestsPerDownload() * downloads);
    assertThat(soak.upstream(FakeWeChatServer.STABLE_TOKEN) + soak.upstream(FakeWeChatServer.CREATE))
        .isLessThanOrEqualTo(budget.requestsPerIssue() * issues);
    assertThat(soak.requests().keySet()).as("paths called (stable_token, the default token mode)")
        .isSubsetOf(FakeWeChatServer.STABLE_TOKEN, FakeWeChatServer.CREATE, FakeWeChatServer.SHOW_QRCODE);
  }
}
