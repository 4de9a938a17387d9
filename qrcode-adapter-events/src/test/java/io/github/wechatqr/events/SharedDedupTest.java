package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.port.PushLedger;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.testkit.Callback;
import io.github.wechatqr.testkit.FakeWeChatExtension;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.Push;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two instances behind a load balancer, each with its own handler and memory, sharing one push ledger: a
 * retry that reaches the other instance is recognised there, and a failure of the ledger loses nothing.
 */
class SharedDedupTest {
  private static final String TOKEN = "CallbackToken1";

  @RegisterExtension
  final FakeWeChatExtension wechat = new FakeWeChatExtension();

  private final Map<String, String> backing = new ConcurrentHashMap<>();
  private final List<String> remembered = new CopyOnWriteArrayList<>();
  private final Recorder onA = new Recorder();
  private final Recorder onB = new Recorder();
  private volatile boolean ledgerDown;
  private FakeWeChatServer fake;
  private MutableClock clock;
  private QrCodeService qrcodes;

  /** One instance's view of the shared backing; fails every call while the ledger is down. */
  private PushLedger ledger(String owner) {
    return new PushLedger() {
      @Override
      public Claim claim(String pushId) {
        failIfDown();
        String before = backing.putIfAbsent(pushId, owner);
        return before == null ? Claim.FIRST : "done".equals(before) ? Claim.DUPLICATE : Claim.IN_PROGRESS;
      }

      @Override
      public void completed(String pushId, Duration window) {
        failIfDown();
        remembered.add(window.toString());
        backing.put(pushId, "done");
      }

      @Override
      public void abandoned(String pushId) {
        failIfDown();
        backing.remove(pushId, owner);
      }
    };
  }

  private void failIfDown() {
    if (ledgerDown) {
      throw new UpstreamUnavailable("Redis unavailable while locking");
    }
  }

  private WeChatCallbackHandler handler(Recorder listener, String owner) {
    return WeChatCallbackHandler.builder().token(TOKEN).clock(clock).resolver(qrcodes).scanListener(listener)
        .sharedDedup(ledger(owner)).build();
  }

  @BeforeEach
  void wire() {
    fake = wechat.server();
    clock = wechat.clock();
    qrcodes = new QrCodeService(fake.gateway(), new InMemoryQrCodeStore(clock), clock);
    fake.callback(Callback.plain(URI.create("http://127.0.0.1/wechat"), TOKEN));
  }

  private Push aScan() {
    QrCode code = qrcodes.permanent(SceneValue.of(7));
    return fake.push(code.ticket(), "openid-1", true);
  }

  private static int deliver(WeChatCallbackHandler to, Push push) {
    return to.handle("POST", push.query(), push.bodyBytes()).status();
  }

  @Test
  void a_retry_that_reaches_another_instance_is_answered_there_without_a_second_delivery() {
    WeChatCallbackHandler a = handler(onA, "a");
    WeChatCallbackHandler b = handler(onB, "b");
    Push push = aScan();

    assertThat(deliver(a, push)).isEqualTo(200);
    assertThat(deliver(b, push)).isEqualTo(200);
    assertThat(deliver(b, push)).as("now from b's own memory").isEqualTo(200);

    assertThat(onA.scans).hasSize(1);
    assertThat(onB.calls).hasValue(0);
    assertThat(remembered).containsExactly(Duration.ofMinutes(10).plusSeconds(1).toString());
  }

  @Test
  void a_push_whose_listener_failed_on_one_instance_is_handled_afresh_on_another() {
    WeChatCallbackHandler a = handler(onA, "a");
    WeChatCallbackHandler b = handler(onB, "b");
    Push push = aScan();
    onA.failNext(1);

    assertThat(deliver(a, push)).as("a's listener failed").isEqualTo(500);
    assertThat(backing).as("a's claim was dropped").isEmpty();
    assertThat(deliver(b, push)).as("handled afresh on b").isEqualTo(200);
    assertThat(onB.scans).hasSize(1);
  }

  @Test
  void a_push_claimed_by_another_instance_is_answered_503() {
    WeChatCallbackHandler b = handler(onB, "b");
    Push push = aScan();
    WeChatCallbackHandler a = handler(onA, "a");
    assertThat(deliver(a, push)).isEqualTo(200);
    backing.replaceAll((id, state) -> "a"); // as if a were still handling it
    assertThat(deliver(b, push)).isEqualTo(503);
    assertThat(onB.calls).hasValue(0);
  }

  @Test
  void with_the_ledger_down_a_push_is_answered_503_and_handled_when_it_is_back() {
    WeChatCallbackHandler a = handler(onA, "a");
    Push push = aScan();
    ledgerDown = true;
    assertThat(deliver(a, push)).isEqualTo(503);
    assertThat(onA.calls).hasValue(0);
    ledgerDown = false;
    assertThat(deliver(a, push)).as("WeChat's retry").isEqualTo(200);
    assertThat(onA.scans).hasSize(1);
  }

  @Test
  void a_ledger_that_fails_after_the_listener_ran_leaves_the_answer_as_it_was() {
    PushLedger failingAfterClaim = new PushLedger() {
      private final PushLedger inner = ledger("a");

      @Override
      public Claim claim(String pushId) {
        return inner.claim(pushId);
      }

      @Override
      public void completed(String pushId, Duration window) {
        throw new UpstreamUnavailable("Redis unavailable while writing");
      }

      @Override
      public void abandoned(String pushId) {
        throw new UpstreamUnavailable("Redis unavailable while releasing");
      }
    };
    WeChatCallbackHandler a = WeChatCallbackHandler.builder().token(TOKEN).clock(clock).resolver(qrcodes)
        .scanListener(onA).sharedDedup(failingAfterClaim).build();
    Push push = aScan();
    assertThat(deliver(a, push)).isEqualTo(200);
    assertThat(deliver(a, push)).as("this instance's memory").isEqualTo(200);
    assertThat(onA.scans).hasSize(1);
    onA.failNext(1);
    Push another = fake.push(qrcodes.permanent(SceneValue.of(8)).ticket(), "openid-2", true);
    assertThat(deliver(a, another)).isEqualTo(500);
    assertThatThrownBy(() -> WeChatCallbackHandler.builder().sharedDedup(null))
        .isInstanceOf(NullPointerException.class);
  }
}
