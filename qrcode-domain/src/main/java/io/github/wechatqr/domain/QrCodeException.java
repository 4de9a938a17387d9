package io.github.wechatqr.domain;

/**
 * Root of every exception this library throws. Unchecked; adapters translate their own failures
 * (HTTP, JSON, Redis, XML) into a subtype at the edge so that callers need to catch only this family.
 */
public class QrCodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong; never contains a secret or an access token
   */
  public QrCodeException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the failure that caused it.
   *
   * @param message what went wrong; never contains a secret or an access token
   * @param cause the underlying failure
   */
  public QrCodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
