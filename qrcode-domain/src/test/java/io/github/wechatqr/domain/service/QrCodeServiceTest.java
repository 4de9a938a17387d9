package io.github.wechatqr.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.IssuedTicket;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.TestClock;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.TicketNotFound;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.port.QrCodeStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QrCodeServiceTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private final TestClock clock = TestClock.at("2026-01-01T00:00:00Z");
  private final FakeGateway gateway = new FakeGateway();
  private final MapStore store = new MapStore(clock);
  private final QrCodeService service = new QrCodeService(gateway, store, clock);

  @Test
  void a_new_temporary_code_is_created_stored_and_returned() {
    QrCode code = service.temporary(SceneValue.of(7), HOUR);
    assertThat(gateway.issued).containsExactly(QrCodeRequest.temporary(SceneValue.of(7), HOUR));
    assertThat(store.findByTicket(code.ticket())).contains(code);
    assertThat(code.expiresAt()).isEqualTo(Instant.parse("2026-01-01T01:00:00Z"));
  }

  @Test
  void a_stored_code_is_reused_while_half_its_lifetime_is_left() {
    QrCode first = service.temporary(SceneValue.of(7), HOUR);
    clock.advance(Duration.ofMinutes(30));
    assertThat(service.temporary(SceneValue.of(7), HOUR)).isSameAs(first);
    assertThat(gateway.issued).hasSize(1);
  }

  @Test
  void a_lookup_hands_the_store_the_clock_reading_the_reuse_decision_uses() {
    QrCode first = service.temporary(SceneValue.of(7), HOUR);
    java.util.List<Instant> readings = new java.util.ArrayList<>();
    QrCodeService observed = new QrCodeService(gateway, new QrCodeStore() {
      @Override
      public Optional<QrCode> findByRequest(QrCodeRequest request) {
        throw new AssertionError("the service passes its clock reading");
      }

      @Override
      public Optional<QrCode> findByRequest(QrCodeRequest request, Instant now) {
        readings.add(now);
        return store.findByRequest(request);
      }

      @Override
      public Optional<QrCode> findByTicket(Ticket ticket) {
        return store.findByTicket(ticket);
      }

      @Override
      public void save(QrCode code) {
        store.save(code);
      }
    }, clock);
    clock.advance(Duration.ofMinutes(10));
    assertThat(observed.temporary(SceneValue.of(7), HOUR)).isSameAs(first);
    assertThat(readings).containsExactly(clock.instant());
  }

  @Test
  void a_code_with_too_little_life_left_is_replaced() {
    QrCode first = service.temporary(SceneValue.of(7), HOUR);
    clock.advance(Duration.ofMinutes(30).plusSeconds(1));
    QrCode second = service.temporary(SceneValue.of(7), HOUR);
    assertThat(second.ticket()).isNotEqualTo(first.ticket());
    assertThat(gateway.issued).hasSize(2);
    assertThat(store.findByRequest(second.request())).contains(second);
  }

  @Test
  void an_expired_code_is_never_reused_even_by_a_lenient_policy() {
    QrCodeService lenient = new QrCodeService(gateway, store, clock, (code, now) -> true);
    QrCode first = lenient.temporary(SceneValue.of(7), HOUR);
    clock.advance(HOUR);
    assertThat(lenient.temporary(SceneValue.of(7), HOUR)).isNotEqualTo(first);
    assertThat(gateway.issued).hasSize(2);
  }

  @Test
  void the_reuse_policy_is_consulted_for_temporary_codes() {
    QrCodeService never = new QrCodeService(gateway, store, clock, ReusePolicy.never());
    never.temporary(SceneValue.of(7), HOUR);
    never.temporary(SceneValue.of(7), HOUR);
    assertThat(gateway.issued).hasSize(2);
  }

  @Test
  void a_permanent_code_is_created_once_per_scene_and_then_served_from_the_store() {
    QrCodeService never = new QrCodeService(gateway, store, clock, ReusePolicy.never());
    QrCode first = never.permanent(SceneValue.of("shop-1"));
    clock.advance(Duration.ofDays(3650));
    assertThat(never.permanent(SceneValue.of("shop-1"))).isSameAs(first);
    assertThat(never.permanent(SceneValue.of("shop-2"))).isNotEqualTo(first);
    assertThat(gateway.issued).hasSize(2);
    assertThat(first.expiresAt()).isNull();
  }

  @Test
  void issued_at_is_read_before_the_call_and_expiry_uses_the_returned_lifetime() {
    Instant before = clock.instant();
    gateway.answer = request -> {
      clock.advance(Duration.ofSeconds(3));
      return new IssuedTicket(new Ticket("t"), "http://u", Duration.ofSeconds(60));
    };
    QrCode code = service.temporary(SceneValue.of(7), HOUR);
    assertThat(code.issuedAt()).isEqualTo(before);
    assertThat(code.expiresAt()).isEqualTo(before.plusSeconds(60));
  }

  @Test
  void an_invalid_request_never_reaches_the_gateway() {
    assertThatThrownBy(() -> service.permanent(SceneValue.of(100_001)))
        .hasMessageContaining("scene_id");
    assertThatThrownBy(() -> service.temporary(SceneValue.of(1), Duration.ZERO))
        .hasMessageContaining("expire_seconds");
    assertThat(gateway.issued).isEmpty();
  }

  @Test
  void a_failed_create_is_not_stored_and_the_next_call_tries_again() {
    gateway.answer = request -> {
      throw new UpstreamUnavailable("down");
    };
    assertThatThrownBy(() -> service.temporary(SceneValue.of(7), HOUR))
        .isInstanceOf(UpstreamUnavailable.class);
    assertThat(store.saves).hasValue(0);
    gateway.answer = gateway::grantAsAsked;
    assertThat(service.temporary(SceneValue.of(7), HOUR).ticket()).isNotNull();
    assertThat(gateway.issued).hasSize(2);
  }

  @Test
  void the_image_of_a_valid_code_is_downloaded_by_ticket() {
    QrCode code = service.temporary(SceneValue.of(7), HOUR);
    assertThat(service.image(code).contentType()).isEqualTo("image/jpg");
    assertThat(gateway.downloaded).containsExactly(code.ticket());
  }

  @Test
  void the_image_of_an_expired_code_fails_without_a_network_call() {
    QrCode code = service.temporary(SceneValue.of(7), HOUR);
    clock.advance(HOUR);
    assertThatThrownBy(() -> service.image(code))
        .isInstanceOf(TicketNotFound.class).hasMessageContaining("expired");
    assertThat(gateway.downloaded).isEmpty();
  }
}
