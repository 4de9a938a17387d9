package io.github.wechatqr.domain;

/**
 * WeChat (or a shared store such as Redis) could not be reached or did not answer usefully: connection
 * refused or dropped, timeout, HTTP 5xx, a malformed answer. Safe to try again later. (WeChat's own
 * {@code -1 system busy} keeps its errcode: after the bounded retries it surfaces as a
 * {@link WeChatApiException} whose {@link WeChatApiException#retryable()} is true.)
 */
public final class UpstreamUnavailable extends QrCodeException {
  private static final long serialVersionUID = 1L;

  /** @param message what failed; never contains a secret or an access token */
  public UpstreamUnavailable(String message) {
    super(message);
  }

  /**
   * @param message what failed; never contains a secret or an access token
   * @param cause the underlying failure, already free of secrets
   */
  public UpstreamUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
