package io.github.wechatqr.domain;

/**
 * The account configuration is wrong: {@code 40013} invalid appid, {@code 40125} invalid secret, or
 * {@code 40164} the caller's IP is not whitelisted. Never retried and never cured by a token refresh.
 */
public final class CredentialsRejected extends WeChatApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for credentials WeChat refused.
   *
   * @param errcode one of 40013, 40125, 40164
   * @param errmsg WeChat's message
   */
  public CredentialsRejected(int errcode, String errmsg) {
    super(errcode, errmsg);
  }
}
