package io.github.wechatqr.testkit;

import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.port.QrImageStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The plainest image store that follows the kit: one synchronized map in insertion order, the oldest image
 * evicted first. Each duty can be switched off to prove that the kit notices.
 */
final class ReferenceImageStore implements QrImageStore {
  private record Kept(QrImage image, Instant until) {}

  private final Map<Ticket, Kept> kept = new LinkedHashMap<>();
  private final Clock clock;
  private final long maximumBytes;
  private final boolean honoursDeadlines;
  private final boolean honoursBound;
  private long bytes;

  ReferenceImageStore(Clock clock, long maximumBytes, boolean honoursDeadlines, boolean honoursBound) {
    this.clock = clock;
    this.maximumBytes = maximumBytes;
    this.honoursDeadlines = honoursDeadlines;
    this.honoursBound = honoursBound;
  }

  @Override
  public synchronized Optional<QrImage> find(Ticket ticket) {
    Kept found = kept.get(ticket);
    if (found == null) {
      return Optional.empty();
    }
    if (honoursDeadlines && found.until() != null && !clock.instant().isBefore(found.until())) {
      remove(ticket);
      return Optional.empty();
    }
    return Optional.of(found.image());
  }

  @Override
  public synchronized void keep(Ticket ticket, QrImage image, Instant until) {
    remove(ticket);
    kept.put(ticket, new Kept(image, until));
    bytes += image.size();
    Iterator<Kept> oldestFirst = kept.values().iterator();
    while (honoursBound && bytes > maximumBytes && oldestFirst.hasNext()) {
      bytes -= oldestFirst.next().image().size();
      oldestFirst.remove();
    }
  }

  private void remove(Ticket ticket) {
    Kept old = kept.remove(ticket);
    if (old != null) {
      bytes -= old.image().size();
    }
  }
}
