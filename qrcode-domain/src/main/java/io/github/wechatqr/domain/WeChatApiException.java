package io.github.wechatqr.domain;

/**
 * WeChat answered with a non-zero {@code errcode}. {@link #of(int, String)} picks the intent-named subtype
 * for the codes a caller may want to handle: {@link AccessTokenRejected}, {@link CredentialsRejected} and
 * {@link QuotaExceeded}; every other code (40053, 40097, 48001, unknown ones) is this class itself.
 *
 * <p>A refusal that trying again soon cannot fix. WeChat's {@code -1} (system busy) is not one: it is an
 * {@link UpstreamUnavailable} carrying the errcode, as {@link #failure(int, String)} maps it.
 */
public class WeChatApiException extends QrCodeException {
  private static final long serialVersionUID = 1L;

  /** {@code -1}: system busy; the only errcode worth retrying, and an {@link UpstreamUnavailable}. */
  public static final int SYSTEM_BUSY = -1;

  private final int errcode;
  private final String errmsg;

  /**
   * Creates the exception for an error code WeChat answered with.
   *
   * @param errcode WeChat's error code
   * @param errmsg WeChat's error message, as sent
   */
  public WeChatApiException(int errcode, String errmsg) {
    super("WeChat refused: errcode " + errcode + " (" + errmsg + ")");
    this.errcode = errcode;
    this.errmsg = errmsg;
  }

  /**
   * Maps any error answer: {@code -1} to {@link UpstreamUnavailable} (try again later), every other code
   * to {@link #of(int, String)}.
   *
   * @param errcode WeChat's error code, non-zero
   * @param errmsg WeChat's error message, free of credentials
   * @return the exception to throw
   */
  public static QrCodeException failure(int errcode, String errmsg) {
    if (errcode == SYSTEM_BUSY) {
      return new UpstreamUnavailable("WeChat is busy: errcode -1 (" + errmsg + ")", SYSTEM_BUSY);
    }
    return of(errcode, errmsg);
  }

  /**
   * Maps a refusal to the most specific exception.
   *
   * @param errcode WeChat's error code, non-zero
   * @param errmsg WeChat's error message
   * @return the exception to throw
   */
  public static WeChatApiException of(int errcode, String errmsg) {
    return switch (errcode) {
      case 40001, 42001, 40014, 41001 -> new AccessTokenRejected(errcode, errmsg);
      case 40013, 40125, 40164 -> new CredentialsRejected(errcode, errmsg);
      case 45009, 45011, 45029 -> new QuotaExceeded(errcode, errmsg);
      default -> new WeChatApiException(errcode, errmsg);
    };
  }

  /** Returns WeChat's error code. */
  public int errcode() {
    return errcode;
  }

  /** Returns WeChat's error message, as sent. */
  public String errmsg() {
    return errmsg;
  }
}
