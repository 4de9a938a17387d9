package io.github.wechatqr.feign;

import feign.Param;
import feign.RequestLine;
import feign.Response;

/**
 * The image call on the mp base. It needs no token and its client never adds one. The ticket arrives
 * already percent-encoded ({@link io.github.wechatqr.domain.Ticket#urlEncoded()}); Feign leaves such a
 * value as it is, and {@code decodeSlash = false} keeps {@code %2F} from being turned back into {@code /}.
 */
interface MpApi {

  @RequestLine(value = "GET /cgi-bin/showqrcode?ticket={ticket}", decodeSlash = false)
  Response showQrCode(@Param(value = "ticket", encoded = true) String encodedTicket);
}
