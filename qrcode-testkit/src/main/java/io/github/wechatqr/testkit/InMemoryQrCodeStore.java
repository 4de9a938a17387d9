package io.github.wechatqr.testkit;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.port.QrCodeStore;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link QrCodeStore} in two concurrent maps, for host applications' unit tests. Expired codes are
 * dropped when looked up; nothing bounds the size, so use the Caffeine or Redis store in production.
 *
 * <pre>{@code
 * QrCodeService service = new QrCodeService(new InMemoryQrCodeGateway(clock),
 *     new InMemoryQrCodeStore(clock), clock);
 * }</pre>
 */
public final class InMemoryQrCodeStore implements QrCodeStore {
  private final Map<QrCodeRequest, QrCode> byRequest = new ConcurrentHashMap<>();
  private final Map<Ticket, QrCode> byTicket = new ConcurrentHashMap<>();
  private final Clock clock;

  /**
   * Creates an empty store.
   *
   * @param clock decides which codes have expired
   */
  public InMemoryQrCodeStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Optional<QrCode> findByRequest(QrCodeRequest request) {
    return valid(byRequest, request);
  }

  @Override
  public Optional<QrCode> findByTicket(Ticket ticket) {
    return valid(byTicket, ticket);
  }

  @Override
  public void save(QrCode code) {
    byTicket.put(code.ticket(), code);
    byRequest.put(code.request(), code);
  }

  private <K> Optional<QrCode> valid(Map<K, QrCode> index, K key) {
    QrCode code = index.get(key);
    if (code != null && !code.isValidAt(clock.instant())) {
      index.remove(key, code);
      return Optional.empty();
    }
    return Optional.ofNullable(code);
  }
}
