package io.github.wechatqr.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Codes found again by request come from the recent codes, and never once they stopped being valid. */
class CaffeineQrCodeStoreHotPathTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00.123456789Z");
  private final CaffeineQrCodeStore store = new CaffeineQrCodeStore(CacheRuntime.sameThread(clock), 1_000);
  private int serial;

  private QrCode temporary(int scene) {
    Instant now = clock.instant();
    serial++;
    return new QrCode(QrCodeRequest.temporary(SceneValue.of(scene), HOUR),
        new Ticket("gQH+/" + serial + "AAB/w=="), "http://weixin.qq.com/q/" + serial, now, now.plus(HOUR));
  }

  @Test
  void a_code_found_again_is_the_very_same_value_and_every_lookup_counts_as_a_hit() {
    QrCode code = temporary(1);
    store.save(code);
    QrCode first = store.findByRequest(code.request()).orElseThrow();
    for (int i = 0; i < 1_000; i++) {
      assertThat(store.findByRequest(code.request())).containsSame(first);
    }
    assertThat(first).isEqualTo(code);
    assertThat(store.stats().hitCount()).isEqualTo(1_001);
    assertThat(store.stats().missCount()).isZero();
  }

  @Test
  void a_replaced_code_is_not_found_again_by_request_but_still_by_ticket() {
    QrCode old = temporary(1);
    store.save(old);
    assertThat(store.findByRequest(old.request())).contains(old);
    QrCode replacement = temporary(1);
    store.save(replacement);
    assertThat(store.findByRequest(old.request())).contains(replacement);
    assertThat(store.findByTicket(old.ticket())).contains(old);
  }

  @Test
  void a_code_saved_again_under_its_own_ticket_is_not_served_in_its_old_form() {
    QrCode code = temporary(1);
    store.save(code);
    assertThat(store.findByRequest(code.request())).contains(code);
    QrCode sameTicketLaterExpiry = new QrCode(code.request(), code.ticket(), code.url(), code.issuedAt(),
        code.expiresAt().plusSeconds(60));
    store.save(sameTicketLaterExpiry);
    assertThat(store.findByRequest(code.request())).contains(sameTicketLaterExpiry);
  }

  @Test
  void an_expired_code_is_not_found_again_whichever_clock_reading_decides() {
    QrCode code = temporary(1);
    store.save(code);
    assertThat(store.findByRequest(code.request())).contains(code);
    assertThat(store.findByRequest(code.request(), code.expiresAt().minusNanos(1))).contains(code);
    assertThat(store.findByRequest(code.request(), code.expiresAt())).isEmpty();
    clock.set(code.expiresAt());
    assertThat(store.findByRequest(code.request())).isEmpty();
  }

  @Test
  void a_code_evicted_by_the_size_bound_is_not_found_again() {
    CaffeineQrCodeStore small = new CaffeineQrCodeStore(CacheRuntime.sameThread(clock), 1);
    QrCode evicted = temporary(1);
    small.save(evicted);
    assertThat(small.findByRequest(evicted.request())).contains(evicted);
    QrCode other = temporary(2);
    small.save(other);
    small.cleanUp();
    assertThat(small.estimatedSize()).isEqualTo(1);
    boolean evictedHeld = small.findByTicket(evicted.ticket()).isPresent();
    assertThat(small.findByRequest(evicted.request()).isPresent()).isEqualTo(evictedHeld);
    assertThat(small.findByRequest(other.request()).isPresent()).isNotEqualTo(evictedHeld);
  }
}
