package io.github.wechatqr.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * An issued QR code: what was asked, what WeChat returned and when it stops working.
 *
 * @param request the request it answers
 * @param ticket the ticket, exchanged for the image and reported back in scans
 * @param url the content URL the code encodes
 * @param issuedAt read from the clock <em>before</em> the create call, so the expiry errs on the early side
 * @param expiresAt {@code issuedAt} plus the lifetime WeChat returned; {@code null} for a permanent code
 */
public record QrCode(QrCodeRequest request, Ticket ticket, String url, Instant issuedAt, Instant expiresAt) {
  /** What {@link #remainingAt(Instant)} reports for a permanent code. */
  public static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();

  /** Checks presence and that the expiry matches the request's kind. */
  public QrCode {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(issuedAt, "issuedAt");
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("url must be non-blank");
    }
    if (request.isPermanent() != (expiresAt == null)) {
      throw new IllegalArgumentException("expiresAt must be absent exactly for permanent codes");
    }
    if (expiresAt != null && !expiresAt.isAfter(issuedAt)) {
      throw new IllegalArgumentException("expiresAt must come after issuedAt");
    }
  }

  /**
   * Builds the code from WeChat's answer. The expiry uses the lifetime WeChat returned, falling back to
   * the requested one if the answer carried none.
   *
   * @param request what was asked
   * @param answer what WeChat returned
   * @param issuedAt the clock's reading taken before the call
   * @return the issued code
   */
  public static QrCode issued(QrCodeRequest request, IssuedTicket answer, Instant issuedAt) {
    Instant expiresAt = null;
    if (!request.isPermanent()) {
      Duration lifetime = answer.expiresIn() != null ? answer.expiresIn() : request.lifetime();
      expiresAt = issuedAt.plus(lifetime);
    }
    return new QrCode(request, answer.ticket(), answer.url(), issuedAt, expiresAt);
  }

  /** Returns the code type. */
  public QrType type() {
    return request.type();
  }

  /**
   * Tells whether WeChat still honours the code at {@code now}.
   *
   * @param now the instant to check
   * @return whether WeChat still honours the code at {@code now}; always true for a permanent code
   */
  public boolean isValidAt(Instant now) {
    return expiresAt == null || now.isBefore(expiresAt);
  }

  /**
   * Returns how long the code stays valid after {@code now}.
   *
   * @param now the instant to check
   * @return the time left, {@link Duration#ZERO} once expired, {@link #FOREVER} for a permanent code
   */
  public Duration remainingAt(Instant now) {
    if (expiresAt == null) {
      return FOREVER;
    }
    return now.isBefore(expiresAt) ? Duration.between(now, expiresAt) : Duration.ZERO;
  }
}
