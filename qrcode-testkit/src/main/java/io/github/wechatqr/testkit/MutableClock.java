package io.github.wechatqr.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that tests move by hand, shared between the code under test and
 * {@link FakeWeChatServer} so expiry can be driven without sleeping. Thread-safe.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
 * QrCodeService service = new QrCodeService(gateway, store, clock);
 * clock.advance(Duration.ofHours(2)); // every temporary code of an hour is now expired
 * }</pre>
 */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /**
   * Makes a clock in UTC that reads {@code start} until moved.
   *
   * @param start the first reading
   * @return a clock in UTC reading {@code start} until moved
   */
  public static MutableClock at(Instant start) {
    return new MutableClock(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  /**
   * Makes a clock in UTC that reads an ISO-8601 instant until moved.
   *
   * @param start an ISO-8601 instant such as {@code 2026-01-01T00:00:00Z}
   * @return a clock in UTC reading {@code start} until moved
   */
  public static MutableClock at(String start) {
    return at(Instant.parse(start));
  }

  /**
   * Moves the clock by {@code step}.
   *
   * @param step how far to move; may be negative to model a clock that steps back
   * @return the new reading
   */
  public Instant advance(Duration step) {
    return now.updateAndGet(current -> current.plus(step));
  }

  /** Sets the new reading. */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public long millis() {
    return now.get().toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The returned clock shares this clock's reading: moving one moves both. */
  @Override
  public Clock withZone(ZoneId newZone) {
    return new MutableClock(now, newZone);
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + "]";
  }
}
