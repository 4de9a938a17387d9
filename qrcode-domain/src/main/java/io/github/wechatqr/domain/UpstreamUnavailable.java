package io.github.wechatqr.domain;

import java.util.OptionalInt;

/**
 * WeChat (or a shared store such as Redis) could not be reached or did not answer usefully: connection
 * refused or dropped, timeout, HTTP 5xx, an answer too large or malformed, or WeChat's own {@code -1}
 * (system busy) after the bounded retries. Safe to try again later. When WeChat said so with an errcode
 * ({@code -1}), {@link #errcode()} carries it.
 */
public final class UpstreamUnavailable extends QrCodeException {
  private static final long serialVersionUID = 1L;

  private final boolean hasErrcode;
  private final int errcode;

  /**
   * Creates the exception for a WeChat that cannot be reached or cannot answer now.
   *
   * @param message what failed; never contains a secret or an access token
   */
  public UpstreamUnavailable(String message) {
    super(message);
    this.hasErrcode = false;
    this.errcode = 0;
  }

  /**
   * Creates the exception with the failure that caused it.
   *
   * @param message what failed; never contains a secret or an access token
   * @param cause the underlying failure, already free of secrets
   */
  public UpstreamUnavailable(String message, Throwable cause) {
    super(message, cause);
    this.hasErrcode = false;
    this.errcode = 0;
  }

  /**
   * Creates the exception for WeChat's "try again later" answer.
   *
   * @param message what failed; never contains a secret or an access token
   * @param errcode the errcode WeChat answered with, e.g. {@link WeChatApiException#SYSTEM_BUSY}
   */
  public UpstreamUnavailable(String message, int errcode) {
    super(message);
    this.hasErrcode = true;
    this.errcode = errcode;
  }

  /** Returns WeChat's errcode when WeChat itself answered "try again later" ({@code -1}); empty otherwise. */
  public OptionalInt errcode() {
    return hasErrcode ? OptionalInt.of(errcode) : OptionalInt.empty();
  }
}
