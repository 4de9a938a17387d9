package io.github.wechatqr.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * WeChat's answer to a create call, as a {@link io.github.wechatqr.domain.port.QrCodeGateway} returns it.
 *
 * @param ticket the ticket
 * @param url the content URL the QR code encodes, e.g. {@code http://weixin.qq.com/q/…}
 * @param expiresIn the {@code expire_seconds} WeChat returned; {@code null} when it sent none (permanent codes)
 */
public record IssuedTicket(Ticket ticket, String url, Duration expiresIn) {
  /** Checks that ticket and url are present and that a returned lifetime is positive. */
  public IssuedTicket {
    Objects.requireNonNull(ticket, "ticket");
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("url must be non-blank");
    }
    if (expiresIn != null && (expiresIn.isZero() || expiresIn.isNegative())) {
      throw new IllegalArgumentException("expiresIn must be positive, was " + expiresIn);
    }
  }
}
