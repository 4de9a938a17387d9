package io.github.wechatqr.feign;

import feign.Param;
import feign.RequestLine;
import feign.Response;

/**
 * The image call on the mp base. It needs no token and none is ever added. The ticket arrives already
 * percent-encoded ({@link io.github.wechatqr.domain.Ticket#urlEncoded()}); Feign leaves such a value as it
 * is, and {@code decodeSlash = false} keeps {@code %2F} from being turned back into {@code /}.
 */
interface MpApi {

  @RequestLine(value = "GET /cgi-bin/showqrcode?ticket={ticket}", decodeSlash = false)
  Answer showQrCode(@Param(value = "ticket", encoded = true) String encodedTicket);

  /**
   * A 2xx or 404 answer as {@link Hc5Client} read it ({@link ImageAnswer} tells them apart; any other
   * status is a failure of the error decoder). A wrapper rather than {@code Response} itself, because Feign copies the body of a {@code Response}
   * return value into a new array.
   *
   * @param response the answer, body in memory
   */
  record Answer(Response response) {}
}
