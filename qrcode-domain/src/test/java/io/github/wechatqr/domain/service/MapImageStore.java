package io.github.wechatqr.domain.service;

import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.port.QrImageStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The simplest image store that honours the deadline it is given; remembers each deadline. */
final class MapImageStore implements QrImageStore {
  /** An image and its deadline; {@code until} is null for no time bound. */
  record Kept(QrImage image, Instant until) {}

  final Map<Ticket, Kept> kept = new ConcurrentHashMap<>();
  private final Clock clock;

  MapImageStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Optional<QrImage> find(Ticket ticket) {
    return Optional.ofNullable(kept.get(ticket))
        .filter(k -> k.until() == null || clock.instant().isBefore(k.until()))
        .map(Kept::image);
  }

  @Override
  public void keep(Ticket ticket, QrImage image, Instant until) {
    kept.put(ticket, new Kept(image, until));
  }
}
