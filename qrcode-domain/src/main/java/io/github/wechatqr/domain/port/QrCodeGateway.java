package io.github.wechatqr.domain.port;

import io.github.wechatqr.domain.IssuedTicket;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.Ticket;

/**
 * The WeChat service: creates tickets and exchanges them for images. Implementations own the access
 * token, error mapping and retries, and throw only {@link io.github.wechatqr.domain.QrCodeException}s.
 * Keeping images is not theirs: {@code QrCodeService} does it through a {@link QrImageStore}.
 */
public interface QrCodeGateway {

  /**
   * Issues a ticket for a request: calls {@code qrcode/create} once (retries of transient failures are the
   * implementation's business; a second code is never the caller's surprise).
   *
   * @param request a valid request
   * @return the ticket, the content URL and the lifetime WeChat granted
   */
  IssuedTicket issue(QrCodeRequest request);

  /**
   * Downloads the image of a ticket from {@code showqrcode}; the ticket is URL-encoded once and no access
   * token is sent.
   *
   * @param ticket the ticket
   * @return the image
   * @throws io.github.wechatqr.domain.TicketNotFound if WeChat has no image for it
   */
  QrImage download(Ticket ticket);
}
