package io.github.wechatqr.testkit;

import io.github.wechatqr.domain.AppId;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.port.AccountScoped;
import io.github.wechatqr.domain.port.QrCodeStore;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link QrCodeStore} in two concurrent maps, for host applications' unit tests. Expired codes are
 * dropped when looked up; nothing bounds the size, so use the Caffeine or Redis store in production.
 * {@link #forAccount} gives an account's view of the same maps, with the account in every key; the store
 * itself is no account's view.
 *
 * <pre>{@code
 * QrCodeService service = new QrCodeService(new InMemoryQrCodeGateway(clock),
 *     new InMemoryQrCodeStore(clock), clock);
 * }</pre>
 */
public final class InMemoryQrCodeStore implements QrCodeStore, AccountScoped<QrCodeStore> {
  /** A map key with its account; {@code null} for the store's own entries. */
  private record Keyed(@Nullable AppId account, Object key) {}

  private final Map<Keyed, QrCode> byRequest;
  private final Map<Keyed, QrCode> byTicket;
  private final Clock clock;
  private final @Nullable AppId account;

  /**
   * Creates an empty store.
   *
   * @param clock decides which codes have expired
   */
  public InMemoryQrCodeStore(Clock clock) {
    this(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), Objects.requireNonNull(clock, "clock"), null);
  }

  private InMemoryQrCodeStore(Map<Keyed, QrCode> byRequest, Map<Keyed, QrCode> byTicket, Clock clock,
      @Nullable AppId account) {
    this.byRequest = byRequest;
    this.byTicket = byTicket;
    this.clock = clock;
    this.account = account;
  }

  /**
   * Returns the view of one account: the same maps, its own keys.
   *
   * @param account the account
   * @return the account's view
   */
  @Override
  public InMemoryQrCodeStore forAccount(AppId account) {
    return new InMemoryQrCodeStore(byRequest, byTicket, clock, Objects.requireNonNull(account, "account"));
  }

  @Override
  public Optional<QrCode> findByRequest(QrCodeRequest request) {
    return valid(byRequest, new Keyed(account, request));
  }

  @Override
  public Optional<QrCode> findByTicket(Ticket ticket) {
    return valid(byTicket, new Keyed(account, ticket));
  }

  @Override
  public void save(QrCode code) {
    byTicket.put(new Keyed(account, code.ticket()), code);
    byRequest.put(new Keyed(account, code.request()), code);
  }

  private Optional<QrCode> valid(Map<Keyed, QrCode> index, Keyed key) {
    QrCode code = index.get(key);
    if (code != null && !code.isValidAt(clock.instant())) {
      index.remove(key, code);
      return Optional.empty();
    }
    return Optional.ofNullable(code);
  }

  @Override
  public String toString() {
    return "InMemoryQrCodeStore[" + (account == null ? "no account" : "account=" + account) + "]";
  }
}
