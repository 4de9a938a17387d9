package io.github.wechatqr.domain;

/**
 * A push to the callback URL was rejected: bad signature, stale timestamp, undecryptable or malformed
 * body, or an event that breaks the protocol (a {@code SCAN} without an EventKey, say).
 */
public final class InvalidCallback extends QrCodeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a rejected push.
   *
   * @param reason why the push was rejected; never contains the token or the EncodingAESKey
   */
  public InvalidCallback(String reason) {
    super(reason);
  }

  /**
   * Creates the exception for a rejected push, with the failure that caused it.
   *
   * @param reason why the push was rejected
   * @param cause the underlying failure
   */
  public InvalidCallback(String reason, Throwable cause) {
    super(reason, cause);
  }
}
