package io.github.wechatqr.domain;

/**
 * {@code showqrcode} answered 404, or the code is already known to have expired: WeChat has no image
 * for this ticket (unknown, expired, or sent without URL encoding).
 */
public final class TicketNotFound extends QrCodeException {
  private static final long serialVersionUID = 1L;

  private final Ticket ticket;

  /**
   * Creates the exception for a ticket WeChat has no image for.
   *
   * @param ticket the ticket that has no image
   * @param reason why, in a few words
   */
  public TicketNotFound(Ticket ticket, String reason) {
    super("no QR image for ticket " + ticket.value() + ": " + reason);
    this.ticket = ticket;
  }

  /** Returns the ticket that has no image. */
  public Ticket ticket() {
    return ticket;
  }
}
