package io.github.wechatqr.domain;

import java.util.OptionalInt;

/**
 * WeChat (or a shared store such as Redis) could not be reached or did not answer usefully: connection
 * refused or dropped, timeout, HTTP 5xx, an oversized or malformed answer, or WeChat's own {@code -1}
 * (system busy), which keeps its errcode in {@link #errcode()}. The one "try again later" outcome: a
 * caller that backs off catches this type; every refusal that a retry cannot fix is a
 * {@link WeChatApiException} instead.
 */
public final class UpstreamUnavailable extends QrCodeException {
  private static final long serialVersionUID = 1L;
  private static final int NO_ERRCODE = 0;

  /** WeChat's errcode, or 0 when the failure lies below the protocol. */
  private final int errcode;

  /** @param message what failed; never contains a secret or an access token */
  public UpstreamUnavailable(String message) {
    super(message);
    this.errcode = NO_ERRCODE;
  }

  /**
   * @param message what failed; never contains a secret or an access token
   * @param errcode the errcode WeChat answered with, such as {@code -1}
   */
  public UpstreamUnavailable(String message, int errcode) {
    super(message);
    this.errcode = errcode;
  }

  /**
   * @param message what failed; never contains a secret or an access token
   * @param cause the underlying failure, already free of secrets
   */
  public UpstreamUnavailable(String message, Throwable cause) {
    super(message, cause);
    this.errcode = NO_ERRCODE;
  }

  /** @return the errcode WeChat answered with (such as {@code -1}, system busy), if it gave one */
  public OptionalInt errcode() {
    return errcode == NO_ERRCODE ? OptionalInt.empty() : OptionalInt.of(errcode);
  }
}
