package io.github.wechatqr.domain.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.session.ScanSession.Scan;
import io.github.wechatqr.domain.session.ScanSession.State;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScanSessionTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final SecureRandom RANDOM = new SecureRandom();
  private final String id = ScanSession.newId(RANDOM);
  private final QrCode code = Sessions.code(id, T0, Duration.ofMinutes(5));
  private final Scan scan = new Scan("openid-1", ScanEvent.Kind.SCAN, T0.plusSeconds(10));

  @Test
  void an_id_is_the_prefix_and_128_random_bits_url_safe_within_the_scene_string_limit() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String fresh = ScanSession.newId(RANDOM);
      assertThat(fresh).startsWith(ScanSession.ID_PREFIX).hasSize(ScanSession.ID_PREFIX.length() + 22)
          .matches("[A-Za-z0-9:_-]+");
      assertThat(fresh.codePointCount(0, fresh.length())).isLessThanOrEqualTo(64);
      ids.add(fresh);
    }
    assertThat(ids).as("no id twice in 10,000").hasSize(10_000);
    assertThat(SceneValue.of(id).text()).isEqualTo(id);
  }

  @Test
  void only_texts_of_the_id_shape_are_session_ids() {
    assertThat(ScanSession.isSessionId(id)).isTrue();
    assertThat(ScanSession.isSessionId(null)).isFalse();
    assertThat(ScanSession.isSessionId("session-42")).isFalse();
    assertThat(ScanSession.isSessionId(id + "x")).isFalse();
    assertThat(ScanSession.isSessionId(ScanSession.ID_PREFIX + "a+b/" + "c".repeat(18))).isFalse();
  }

  @Test
  void a_session_goes_from_waiting_to_scanned_to_consumed_keeping_its_scan() {
    ScanSession waiting = ScanSession.waiting(code);
    assertThat(waiting.state()).isEqualTo(State.WAITING);
    assertThat(waiting.id()).isEqualTo(id);
    ScanSession consumed = waiting.scanned(scan).consumed();
    assertThat(consumed.state()).isEqualTo(State.CONSUMED);
    assertThat(consumed.scan()).isEqualTo(scan);
  }

  @Test
  void a_session_not_consumed_reads_expired_from_its_codes_expiry_on_and_a_consumed_one_stays_consumed() {
    ScanSession waiting = ScanSession.waiting(code);
    Instant expiry = code.expiresAt();
    assertThat(waiting.at(expiry.minusMillis(1))).isSameAs(waiting);
    assertThat(waiting.at(expiry).state()).isEqualTo(State.EXPIRED);
    assertThat(waiting.scanned(scan).at(expiry).state()).isEqualTo(State.EXPIRED);
    assertThat(waiting.scanned(scan).at(expiry).scan()).isEqualTo(scan);
    ScanSession expired = waiting.at(expiry);
    assertThat(expired.at(expiry.plusSeconds(1))).isSameAs(expired);
    assertThat(waiting.scanned(scan).consumed().at(expiry).state()).isEqualTo(State.CONSUMED);
  }

  @Test
  void the_constructor_refuses_a_session_whose_parts_do_not_fit() {
    assertThatThrownBy(() -> new ScanSession("session-42", code, State.WAITING, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id must be");
    QrCode otherScene = Sessions.code(ScanSession.newId(RANDOM), T0, Duration.ofMinutes(5));
    assertThatThrownBy(() -> new ScanSession(id, otherScene, State.WAITING, null))
        .hasMessageContaining("whose scene is the session id");
    QrCode permanent = new QrCode(QrCodeRequest.permanent(SceneValue.of(id)), new Ticket("gQH1"),
        "http://weixin.qq.com/q/1", T0, null);
    assertThatThrownBy(() -> new ScanSession(id, permanent, State.WAITING, null))
        .hasMessageContaining("temporary code");
    assertThatThrownBy(() -> new ScanSession(id, code, State.SCANNED, null)).hasMessageContaining("needs");
    assertThatThrownBy(() -> new ScanSession(id, code, State.CONSUMED, null)).hasMessageContaining("needs");
    assertThatThrownBy(() -> new ScanSession(id, code, State.WAITING, scan)).hasMessageContaining("has no");
    assertThat(new ScanSession(id, code, State.EXPIRED, null).scan()).isNull();
    assertThatThrownBy(() -> new ScanSession(id, code, null, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new ScanSession(id, null, State.WAITING, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void a_scan_needs_an_open_id_a_push_could_carry() {
    assertThatThrownBy(() -> new Scan(" ", ScanEvent.Kind.SCAN, T0)).hasMessageContaining("openId");
    assertThatThrownBy(() -> new Scan(null, ScanEvent.Kind.SCAN, T0)).hasMessageContaining("openId");
    assertThatThrownBy(() -> new Scan("x".repeat(65), ScanEvent.Kind.SCAN, T0)).hasMessageContaining("openId");
    assertThatThrownBy(() -> new Scan("a\nb", ScanEvent.Kind.SCAN, T0)).hasMessageContaining("openId");
    assertThatThrownBy(() -> new Scan("o", null, T0)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Scan("o", ScanEvent.Kind.SCAN, null)).isInstanceOf(NullPointerException.class);
    ScanEvent event = new ScanEvent(ScanEvent.Kind.SUBSCRIBE, "openid-9", "gh_1", id, null, T0);
    assertThat(Scan.of(event)).isEqualTo(new Scan("openid-9", ScanEvent.Kind.SUBSCRIBE, T0));
  }

  @Test
  void neither_to_string_nor_the_short_id_shows_the_whole_id() {
    ScanSession session = ScanSession.waiting(code).scanned(scan);
    assertThat(session.toString()).doesNotContain(id).contains(session.shortId()).contains("SCANNED");
    assertThat(session.shortId()).startsWith(ScanSession.ID_PREFIX).hasSize(ScanSession.ID_PREFIX.length() + 7);
    assertThat(ScanSession.shortId("ab")).isEqualTo("ab...");
  }
}
