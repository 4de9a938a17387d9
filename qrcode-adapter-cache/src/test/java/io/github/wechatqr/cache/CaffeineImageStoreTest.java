package io.github.wechatqr.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.port.QrImageStore;
import io.github.wechatqr.testkit.QrImageStoreContract;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CaffeineImageStoreTest extends QrImageStoreContract {
  @Override
  protected QrImageStore createStore(Clock clock, long maximumBytes) {
    return new CaffeineImageStore(CacheRuntime.sameThread(clock), maximumBytes);
  }

  @Override
  protected void settle(QrImageStore store) {
    ((CaffeineImageStore) store).cleanUp();
  }

  @Test
  void evictions_are_counted_with_their_bytes_and_the_weighted_size_stays_within_the_bound() {
    CaffeineImageStore bounded = new CaffeineImageStore(CacheRuntime.sameThread(clock), 2_500);
    for (int i = 0; i < 5; i++) {
      bounded.keep(new Ticket("gQ" + i + "=="), new QrImage(new byte[1_000], "image/jpg", Duration.ofDays(7)), null);
    }
    bounded.cleanUp();
    assertThat(bounded.weightedSize()).isPositive().isLessThanOrEqualTo(2_500);
    assertThat(bounded.stats().evictionCount()).isEqualTo(3);
    assertThat(bounded.stats().evictionWeight()).isEqualTo(3_000);
  }

  @Test
  void hits_and_misses_are_counted() {
    CaffeineImageStore store = new CaffeineImageStore(CacheRuntime.sameThread(clock), 1 << 20);
    Ticket ticket = new Ticket("gQ==");
    store.keep(ticket, new QrImage(new byte[] {1}, "image/jpg", null), null);
    store.find(ticket);
    store.find(new Ticket("other"));
    assertThat(store.stats().hitCount()).isEqualTo(1);
    assertThat(store.stats().missCount()).isEqualTo(1);
  }

  @Test
  void a_negative_byte_bound_is_rejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> createStore(clock, -1)).withMessageContaining("maximumBytes");
  }
}
