package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 17, point 4: a captured request is accepted while its timestamp is within the skew limit of the
 * clock, either way, so it can come back up to twice the skew limit after its first delivery. The
 * de-duplication must remember it at least that long. Driven second by second on a {@link MutableClock}.
 */
class ReplayWindowTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final MutableClock clock = MutableClock.at(T0);
  private final Recorder recorder = new Recorder();
  private final QrCodeService qrcodes =
      new QrCodeService(new InMemoryQrCodeGateway(clock), new InMemoryQrCodeStore(clock), clock);

  private WeChatCallbackHandler.Builder base() {
    return WeChatCallbackHandler.builder().token(SignedRequest.TOKEN).clock(clock).resolver(qrcodes)
        .scanListener(recorder);
  }

  /**
   * @param offset how far ahead of the clock (negative: behind) the captured request's timestamp is
   */
  @ParameterizedTest
  @ValueSource(ints = {300, 0, -300})
  void a_captured_push_is_delivered_once_however_often_it_is_replayed_while_its_timestamp_is_accepted(int offset) {
    WeChatCallbackHandler handler = base().build();
    long stamped = T0.getEpochSecond() + offset;
    String xml = SignedRequest.scanXml("SCAN", "42", "t", T0.getEpochSecond(), "o_replayed");
    SignedRequest captured = SignedRequest.plain(Long.toString(stamped), xml);

    assertThat(captured.postTo(handler)).isEqualTo(CallbackResponse.success());
    int accepted = 0;
    // Every second until the timestamp is stale, and the last moment of each second too.
    for (long second = 1; second <= 601; second++) {
      for (long nanos : new long[] {0, 999_999_999}) {
        clock.set(T0.plusSeconds(second).plusNanos(nanos));
        CallbackResponse answer = captured.postTo(handler);
        boolean fresh = Math.abs(clock.instant().getEpochSecond() - stamped) <= 300;
        assertThat(answer.status()).as("replay at +%d.%09d s", second, nanos).isEqualTo(fresh ? 200 : 403);
        accepted += fresh ? 1 : 0;
      }
    }
    assertThat(accepted).as("replays accepted as duplicates").isEqualTo(2 * (300 + offset));
    assertThat(recorder.calls).as("deliveries").hasValue(1);
  }

  @Test
  void a_push_stamped_five_minutes_ahead_replayed_at_plus_301_seconds_is_a_duplicate() {
    WeChatCallbackHandler handler = base().build();
    String xml = SignedRequest.scanXml("SCAN", "42", "t", T0.getEpochSecond(), "o_ahead");
    SignedRequest captured = SignedRequest.plain(Long.toString(T0.getEpochSecond() + 300), xml);
    assertThat(captured.postTo(handler)).isEqualTo(CallbackResponse.success());
    clock.advance(Duration.ofSeconds(301));
    assertThat(captured.postTo(handler)).isEqualTo(CallbackResponse.success());
    assertThat(recorder.calls).hasValue(1);
  }

  @Test
  void the_dedup_window_must_cover_twice_the_skew_limit() {
    assertThatThrownBy(() -> base().maxSkew(Duration.ofMinutes(5)).dedup(Duration.ofMinutes(9), 10).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice the skew limit");
    assertThat(base().maxSkew(Duration.ofMinutes(5)).dedup(Duration.ofMinutes(10), 10).build()).isNotNull();
  }
}
