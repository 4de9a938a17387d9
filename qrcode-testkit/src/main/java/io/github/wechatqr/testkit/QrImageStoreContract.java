package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.AppId;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.port.AccountScoped;
import io.github.wechatqr.domain.port.QrImageStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link QrImageStore} that keeps images follows: an image is found until the deadline it
 * was kept with and never from then on, by the store's clock; an image without a deadline stays; the bytes
 * found at once never exceed the store's byte bound. Subclass it with the factory:
 *
 * <pre>{@code
 * class MyImageStoreTest extends QrImageStoreContract {
 *   protected QrImageStore createStore(Clock clock, long maximumBytes) {
 *     return new MyImageStore(clock, maximumBytes);
 *   }
 * }
 * }</pre>
 *
 * <p>A store that can serve several accounts ({@link AccountScoped}) also proves that two accounts' views
 * of one store never see each other's images; for a store of one account that rule is skipped.
 *
 * <p>{@link QrImageStore#none()} keeps nothing by design, so it is not a subject of this kit: it passes the
 * "never after" rules trivially and declines the "kept until" ones.
 */
public abstract class QrImageStoreContract {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final int IMAGE_BYTES = 1_000;

  /** The clock the store is given; move it to pass deadlines. */
  protected final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private QrImageStore store;
  private final AppId accountA = TwoAccounts.fresh();
  private final AppId accountB = TwoAccounts.fresh();
  private int serial;

  /**
   * Makes the store under test.
   *
   * @param clock the store's only time source
   * @param maximumBytes the most image bytes the store may hold at once
   * @return a fresh, empty store
   */
  protected abstract QrImageStore createStore(Clock clock, long maximumBytes);

  /**
   * Runs the maintenance a store may defer (e.g. a cache that enforces its bound asynchronously), before the
   * kit checks the bound. The default does nothing.
   *
   * @param store the store under test
   */
  protected void settle(QrImageStore store) {}

  @BeforeEach
  void createStoreUnderTest() {
    store = createStore(clock, 1L << 20);
  }

  private Ticket ticket() {
    return new Ticket("gQH+/" + ++serial + "+AAB/x==");
  }

  private QrImage image(int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) ++serial);
    return new QrImage(bytes, "image/jpg", Duration.ofDays(7));
  }

  @Test
  void a_kept_image_is_found_until_its_deadline_and_never_from_then_on() {
    Ticket ticket = ticket();
    QrImage image = image(IMAGE_BYTES);
    Instant until = clock.instant().plus(HOUR);
    store.keep(ticket, image, until);
    assertThat(store.find(ticket)).contains(image);
    clock.set(until.minusNanos(1));
    assertThat(store.find(ticket)).contains(image);
    clock.set(until);
    assertThat(store.find(ticket)).isEmpty();
    clock.advance(Duration.ofDays(1));
    assertThat(store.find(ticket)).isEmpty();
  }

  @Test
  void an_image_without_a_deadline_stays() {
    Ticket ticket = ticket();
    QrImage image = image(IMAGE_BYTES);
    store.keep(ticket, image, null);
    clock.advance(Duration.ofDays(3650));
    assertThat(store.find(ticket)).contains(image);
  }

  @Test
  void an_image_whose_deadline_has_passed_is_not_kept() {
    Ticket now = ticket();
    Ticket past = ticket();
    store.keep(now, image(IMAGE_BYTES), clock.instant());
    store.keep(past, image(IMAGE_BYTES), clock.instant().minusSeconds(1));
    assertThat(store.find(now)).isEmpty();
    assertThat(store.find(past)).isEmpty();
  }

  @Test
  void nothing_is_found_for_a_ticket_never_kept_even_one_that_differs_by_a_decoded_plus() {
    store.keep(new Ticket("gQH+/AAB/x=="), image(IMAGE_BYTES), null);
    assertThat(store.find(new Ticket("gQH /AAB/x=="))).isEmpty();
    assertThat(store.find(new Ticket("never-kept"))).isEmpty();
  }

  @Test
  void keeping_again_replaces_the_image_and_its_deadline() {
    Ticket ticket = ticket();
    QrImage first = image(IMAGE_BYTES);
    QrImage second = image(IMAGE_BYTES);
    store.keep(ticket, first, clock.instant().plus(HOUR));
    store.keep(ticket, second, clock.instant().plus(Duration.ofMinutes(10)));
    assertThat(store.find(ticket)).contains(second);
    clock.advance(Duration.ofMinutes(10));
    assertThat(store.find(ticket)).as("the second deadline, not the first").isEmpty();
  }

  @Test
  void the_images_found_never_total_more_than_the_byte_bound() {
    long bound = 3L * IMAGE_BYTES + IMAGE_BYTES / 2;
    QrImageStore bounded = createStore(clock, bound);
    List<Ticket> tickets = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Ticket ticket = ticket();
      tickets.add(ticket);
      bounded.keep(ticket, image(IMAGE_BYTES), null);
    }
    settle(bounded);
    List<QrImage> found = tickets.stream().map(bounded::find).flatMap(Optional::stream).toList();
    assertThat(found).as("a bound evicts some images, it does not empty the store").isNotEmpty();
    assertThat(found.stream().mapToLong(QrImage::size).sum()).isLessThanOrEqualTo(bound);
  }

  @Test
  void an_image_larger_than_the_byte_bound_is_never_kept() {
    QrImageStore tiny = createStore(clock, IMAGE_BYTES - 1);
    Ticket ticket = ticket();
    tiny.keep(ticket, image(IMAGE_BYTES), null);
    settle(tiny);
    assertThat(tiny.find(ticket)).isEmpty();
  }

  @Test
  void concurrent_keeps_each_find_their_own_image() throws Exception {
    int callers = 8;
    int each = 20;
    List<List<Ticket>> kept = new Callers<List<Ticket>>().start(callers, c -> () -> {
      List<Ticket> mine = new ArrayList<>();
      for (int i = 0; i < each; i++) {
        Ticket ticket = new Ticket("gQH+" + c + "/" + i + "==");
        byte[] bytes = ticket.value().getBytes(StandardCharsets.UTF_8);
        store.keep(ticket, new QrImage(bytes, "image/jpg", null), null);
        mine.add(ticket);
      }
      return mine;
    }).results();
    // a few KiB under a bound of 1 MiB: every image stays, and each is its own ticket's
    assertThat(kept).flatMap(list -> list).hasSize(callers * each).allSatisfy(ticket ->
        assertThat(store.find(ticket)).hasValueSatisfying(image ->
            assertThat(new String(image.bytes(), StandardCharsets.UTF_8)).isEqualTo(ticket.value())));
  }

  @Test
  void two_accounts_on_one_store_never_see_each_others_images_even_for_the_same_ticket() {
    QrImageStore a = TwoAccounts.view(store, QrImageStore.class, accountA);
    QrImageStore b = TwoAccounts.view(store, QrImageStore.class, accountB);
    Ticket ticket = ticket();
    QrImage ofA = image(IMAGE_BYTES);
    a.keep(ticket, ofA, null);
    assertThat(b.find(ticket)).as("B asks for the ticket A kept").isEmpty();
    assertThat(store.find(ticket)).as("the store itself is no account's view").isEmpty();

    QrImage ofB = image(IMAGE_BYTES);
    b.keep(ticket, ofB, clock.instant().plus(HOUR));
    assertThat(a.find(ticket)).contains(ofA);
    assertThat(b.find(ticket)).contains(ofB);
    clock.advance(HOUR);
    assertThat(b.find(ticket)).as("B's deadline").isEmpty();
    assertThat(a.find(ticket)).as("A's image has no deadline").contains(ofA);
    assertThat(TwoAccounts.view(store, QrImageStore.class, accountA).find(ticket))
        .as("another view of the same account shares its images").contains(ofA);
  }
}
