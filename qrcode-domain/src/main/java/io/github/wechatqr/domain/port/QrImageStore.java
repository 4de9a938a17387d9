package io.github.wechatqr.domain.port;

import io.github.wechatqr.domain.AppId;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.Ticket;
import java.time.Instant;
import java.util.Optional;

/**
 * Where downloaded images are kept, so that showing a code again costs no second {@code showqrcode} call.
 * {@code QrCodeService.image} decides how long an image may be kept (the earlier of its code's expiry and
 * the {@code max-age} WeChat sent) and hands that deadline over; a store only honours it. A store may drop
 * an image at any time (it is a cache), but never serves one past its deadline, judged by its own clock.
 * Implementations are thread-safe; two callers missing the same image at once may both download it, which
 * is harmless: the call is idempotent and costs no quota.
 */
public interface QrImageStore {

  /**
   * Finds the image kept for a ticket.
   *
   * @param ticket the code's ticket
   * @return the image, if one is kept for {@code ticket} and its deadline has not passed
   */
  Optional<QrImage> find(Ticket ticket);

  /**
   * Keeps an image until a deadline, replacing any image kept for the same ticket. An image whose deadline
   * has already passed is not kept.
   *
   * @param ticket the code's ticket
   * @param image the image WeChat served for it
   * @param until the instant from which the image must no longer be served; {@code null} when no time bound
   *     applies (a permanent code's image sent without {@code max-age}), so only the store's size bound
   *     removes it
   */
  void keep(Ticket ticket, QrImage image, Instant until);

  /**
   * Returns a store that keeps nothing: every {@code image} call downloads. The default of
   * {@code QrCodeService}, which is pure Java and has no cache of its own. It keeps nothing, so it is every
   * account's view of itself: any number of accounts may share it.
   *
   * @return the store that keeps nothing
   */
  static QrImageStore none() {
    final class None implements QrImageStore, AccountScoped<QrImageStore> {
      @Override
      public Optional<QrImage> find(Ticket ticket) {
        return Optional.empty();
      }

      @Override
      public void keep(Ticket ticket, QrImage image, Instant until) {
        // keeps nothing, by definition
      }

      @Override
      public QrImageStore forAccount(AppId account) {
        return this;
      }

      @Override
      public String toString() {
        return "QrImageStore.none()";
      }
    }
    return new None();
  }
}
