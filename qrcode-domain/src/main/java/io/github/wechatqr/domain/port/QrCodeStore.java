package io.github.wechatqr.domain.port;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.Ticket;
import java.time.Instant;
import java.util.Optional;

/**
 * Where issued codes are kept so they can be reused and scans resolved. An implementation reads time from
 * its own injected clock and never returns a code that has expired at that time; permanent codes never
 * expire by time. Keeping several processes from creating the same code at once is not the store's job
 * but a {@link CreationLock}'s.
 */
public interface QrCodeStore {

  /**
   * Finds the latest code saved for a request.
   *
   * @param request the request
   * @return the latest code saved for an equal request, if still valid
   */
  Optional<QrCode> findByRequest(QrCodeRequest request);

  /**
   * Finds the latest code saved for a request, judged valid at {@code now}: the caller's reading of the
   * clock it shares with this store, taken just before. It exists for the cached hit, the path every
   * reused code takes: {@code QrCodeService} reads the clock for its reuse decision anyway, and passing that
   * reading lets the store skip a second one. The cached-hit benchmark measured a hit at 139 ns on the
   * system clock and 102 ns on a fixed clock: one reading of the system clock is about 40 ns, as much as
   * a bare Caffeine lookup takes (docs/benchmarks.md, "The clock was read twice per hit"). The default
   * ignores {@code now} and reads the store's own clock.
   *
   * @param request the request
   * @param now the caller's current reading of the shared clock
   * @return the latest code saved for an equal request, if valid at {@code now}
   */
  default Optional<QrCode> findByRequest(QrCodeRequest request, Instant now) {
    return findByRequest(request);
  }

  /**
   * Finds the code issued with a ticket, to resolve a scan.
   *
   * @param ticket a ticket
   * @return the code with that ticket, if saved and still valid
   */
  Optional<QrCode> findByTicket(Ticket ticket);

  /**
   * Saves a code under its request and its ticket, replacing an earlier code for the same request.
   *
   * @param code the code
   */
  void save(QrCode code);
}
