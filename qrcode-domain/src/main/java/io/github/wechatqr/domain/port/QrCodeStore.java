package io.github.wechatqr.domain.port;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.Ticket;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where issued codes are kept so they can be reused and scans resolved. An implementation reads time from
 * its own injected clock and never returns a code that has expired at that time; permanent codes never
 * expire by time.
 */
public interface QrCodeStore {

  /**
   * @param request the request
   * @return the latest code saved for an equal request, if still valid
   */
  Optional<QrCode> findByRequest(QrCodeRequest request);

  /**
   * As {@link #findByRequest(QrCodeRequest)}, judged valid at {@code now}: the caller's reading of the
   * clock it shares with this store, taken just before. {@code QrCodeService} passes the reading it needs
   * for its reuse decision anyway, so a store may skip reading the clock a second time on a hit (a system
   * clock reading costs about as much as the rest of a cached lookup). The default ignores {@code now}.
   *
   * @param request the request
   * @param now the caller's current reading of the shared clock
   * @return the latest code saved for an equal request, if valid at {@code now}
   */
  default Optional<QrCode> findByRequest(QrCodeRequest request, Instant now) {
    return findByRequest(request);
  }

  /**
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

  /**
   * Runs {@code creation} so that no other holder of the same lock creates a code for an equal request
   * at the same time. {@code QrCodeService} already runs one creation per request within a process;
   * stores shared by several processes override this with a distributed lock so the whole cluster makes
   * one upstream call. The default runs {@code creation} directly.
   *
   * @param request the request being created
   * @param creation re-checks the store, creates and saves
   * @param <T> the result type
   * @return what {@code creation} returned
   */
  default <T> T whileCreating(QrCodeRequest request, Supplier<T> creation) {
    return creation.get();
  }
}
