package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.InvalidCallback;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.NewThreads;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DeliveryTest {
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
  private final MutableClock clock = MutableClock.at(AT);
  private final Recorder recorder = new Recorder();
  private final Function<ScanEvent, ResolvedScan> byKey =
      event -> new ResolvedScan(event, event.inferredScene(), ResolvedScan.Resolution.EVENT_KEY, null);

  private Delivery delivery(Function<ScanEvent, ResolvedScan> resolver, ScanListener scans,
      MessageListener others) {
    return new Delivery(resolver, scans, others, new Deduplicator(clock, Duration.ofMinutes(5), 100));
  }

  private static Decoded scan(String key) {
    ScanEvent event = new ScanEvent(ScanEvent.Kind.SCAN, "o", "gh", key, new Ticket("t"), AT);
    return new Decoded(message("event", "SCAN", key), event, deliveryKey("SCAN", key));
  }

  private static Decoded other(String event) {
    return new Decoded(message("event", event, null), null, deliveryKey(event, null));
  }

  private static CallbackMessage message(String type, String event, String key) {
    return new CallbackMessage("gh", "o", AT, type, event, key, "<xml/>");
  }

  private static Fingerprint deliveryKey(String event, String key) {
    return DeliveryKey.of("gh", "o", Long.toString(AT.getEpochSecond()), "event", event, key, null);
  }

  @Test
  void a_scan_reaches_the_listener_resolved_and_is_answered_success() {
    CallbackResponse answer = delivery(byKey, recorder, null).deliver(scan("123"));
    assertThat(answer).isEqualTo(new CallbackResponse(200, "success"));
    assertThat(recorder.scans).singleElement().satisfies(s -> {
      assertThat(s.scene()).isEqualTo(SceneValue.of(123));
      assertThat(s.event().sceneKey()).isEqualTo("123");
    });
  }

  @Test
  void a_redelivered_scan_is_answered_success_without_a_second_call() {
    Delivery delivery = delivery(byKey, recorder, null);
    delivery.deliver(scan("1"));
    assertThat(delivery.deliver(scan("1"))).isEqualTo(new CallbackResponse(200, "success"));
    assertThat(recorder.calls).hasValue(1);
  }

  @Test
  void a_failing_listener_gets_a_500_and_the_retry_is_handled_so_nothing_is_lost() {
    Delivery delivery = delivery(byKey, recorder, null);
    recorder.failNext(1);
    assertThat(delivery.deliver(scan("1")))
        .isEqualTo(new CallbackResponse(500, "the listener failed; WeChat will deliver the push again"));
    assertThat(recorder.scans).isEmpty();
    assertThat(delivery.deliver(scan("1"))).isEqualTo(new CallbackResponse(200, "success"));
    assertThat(recorder.scans).hasSize(1);
    assertThat(recorder.calls).hasValue(2);
  }

  @Test
  void a_resolver_that_cannot_reach_its_store_gets_a_503_and_the_retry_is_handled() {
    boolean[] down = {true};
    Function<ScanEvent, ResolvedScan> flaky = event -> {
      if (down[0]) {
        throw new UpstreamUnavailable("store down");
      }
      return byKey.apply(event);
    };
    Delivery delivery = delivery(flaky, recorder, null);
    assertThat(delivery.deliver(scan("1")))
        .isEqualTo(new CallbackResponse(503, "the scan cannot be resolved now; deliver it again later"));
    down[0] = false;
    assertThat(delivery.deliver(scan("1"))).isEqualTo(new CallbackResponse(200, "success"));
    assertThat(recorder.scans).hasSize(1);
  }

  @Test
  void a_scan_whose_key_is_no_valid_scene_is_refused_without_a_call() {
    // 65 code points: longer than any scene string may be, so resolving it from the key fails. The
    // refusal is thrown, for the pipeline to answer it like any push refused after its signature.
    Delivery delivery = delivery(byKey, recorder, null);
    assertThatThrownBy(() -> delivery.deliver(scan("x".repeat(65)))).isInstanceOf(InvalidCallback.class)
        .hasMessageStartingWith("EventKey is not a valid scene");
    assertThat(recorder.calls).hasValue(0);
  }

  @Test
  void other_pushes_go_to_the_fallback_once() {
    Delivery delivery = delivery(byKey, recorder, recorder);
    assertThat(delivery.deliver(other("CLICK"))).isEqualTo(new CallbackResponse(200, "success"));
    assertThat(delivery.deliver(other("CLICK"))).isEqualTo(new CallbackResponse(200, "success"));
    assertThat(recorder.messages).singleElement().extracting(CallbackMessage::event).isEqualTo("CLICK");
    assertThat(recorder.scans).isEmpty();
  }

  @Test
  void without_a_fallback_other_pushes_are_answered_success_and_touch_no_listener() {
    assertThat(delivery(byKey, recorder, null).deliver(other("unknown_event")))
        .isEqualTo(new CallbackResponse(200, "success"));
    assertThat(recorder.calls).hasValue(0);
  }

  @Test
  void a_failing_fallback_gets_a_500_too() {
    Delivery delivery = delivery(byKey, recorder, recorder);
    recorder.failNext(1);
    assertThat(delivery.deliver(other("CLICK")).status()).isEqualTo(500);
    assertThat(delivery.deliver(other("CLICK")).status()).isEqualTo(200);
    assertThat(recorder.messages).hasSize(1);
  }

  @Test
  void a_duplicate_arriving_while_the_first_is_handled_is_told_to_come_back_and_never_runs_twice()
      throws Exception {
    Gate gate = new Gate(recorder);
    Delivery delivery = delivery(byKey, gate, null);
    CompletableFuture<CallbackResponse> first = CompletableFuture.supplyAsync(() -> delivery.deliver(scan("1")),
        NewThreads.named("delivery-test"));
    assertThat(gate.awaitEntered()).isTrue();

    assertThat(delivery.deliver(scan("1")))
        .isEqualTo(new CallbackResponse(503, "the same push is being handled now; deliver it again later"));

    gate.open();
    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(new CallbackResponse(200, "success"));
    assertThat(delivery.deliver(scan("1"))).isEqualTo(new CallbackResponse(200, "success"));
    assertThat(recorder.calls).hasValue(1);
  }

  @Test
  void an_error_thrown_by_a_listener_is_a_500_and_releases_the_claim() {
    boolean[] fail = {true};
    ScanListener erring = scan -> {
      if (fail[0]) {
        fail[0] = false;
        throw new AssertionError("an Error, not an exception");
      }
      recorder.onScan(scan);
    };
    Delivery delivery = delivery(byKey, erring, null);
    assertThat(delivery.deliver(scan("1")).status()).isEqualTo(500);
    assertThat(delivery.deliver(scan("1")).status()).isEqualTo(200);
    assertThat(recorder.scans).hasSize(1);
  }

  @Test
  void a_resolver_refusal_is_not_remembered_as_handled() {
    Function<ScanEvent, ResolvedScan> refusing = event -> {
      throw new InvalidCallback("no such scene");
    };
    Delivery delivery = delivery(refusing, recorder, null);
    assertThatThrownBy(() -> delivery.deliver(scan("1"))).isInstanceOf(InvalidCallback.class)
        .hasMessage("no such scene");
    assertThatThrownBy(() -> delivery.deliver(scan("1"))).isInstanceOf(InvalidCallback.class)
        .hasMessage("no such scene");
  }

  @Test
  void an_issued_code_travels_to_the_listener() {
    QrCode code = new QrCode(io.github.wechatqr.domain.QrCodeRequest.temporary(SceneValue.of("123"),
        Duration.ofMinutes(10)), new Ticket("t"), "http://weixin.qq.com/q/x", AT, AT.plusSeconds(600));
    Function<ScanEvent, ResolvedScan> issued =
        event -> new ResolvedScan(event, code.request().scene(), ResolvedScan.Resolution.ISSUED_CODE, code);
    delivery(issued, recorder, null).deliver(scan("123"));
    assertThat(recorder.scans).singleElement().satisfies(s -> {
      assertThat(s.scene()).isEqualTo(SceneValue.of("123"));
      assertThat(s.issuedCode()).contains(code);
    });
  }
}
