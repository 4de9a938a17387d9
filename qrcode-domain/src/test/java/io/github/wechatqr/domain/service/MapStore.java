package io.github.wechatqr.domain.service;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.port.QrCodeStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The simplest store that honours expiry; counts saves. */
final class MapStore implements QrCodeStore {
  private final Map<QrCodeRequest, QrCode> byRequest = new ConcurrentHashMap<>();
  private final Map<Ticket, QrCode> byTicket = new ConcurrentHashMap<>();
  private final Clock clock;
  final AtomicInteger saves = new AtomicInteger();

  MapStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Optional<QrCode> findByRequest(QrCodeRequest request) {
    return valid(byRequest.get(request));
  }

  @Override
  public Optional<QrCode> findByTicket(Ticket ticket) {
    return valid(byTicket.get(ticket));
  }

  @Override
  public void save(QrCode code) {
    saves.incrementAndGet();
    byRequest.put(code.request(), code);
    byTicket.put(code.ticket(), code);
  }

  private Optional<QrCode> valid(QrCode code) {
    return Optional.ofNullable(code).filter(c -> c.isValidAt(clock.instant()));
  }
}
