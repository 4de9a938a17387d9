package io.github.wechatqr.domain;

/**
 * WeChat rejected the access token: {@code 40001} invalid credential, {@code 42001} expired,
 * {@code 40014} invalid token, or {@code 41001} token missing. The first three mean the token went
 * stale and a gateway refreshes it and retries once; {@code 41001} is a client bug and is never retried.
 */
public final class AccessTokenRejected extends WeChatApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for an access token WeChat refused.
   *
   * @param errcode one of 40001, 42001, 40014, 41001
   * @param errmsg WeChat's message
   */
  public AccessTokenRejected(int errcode, String errmsg) {
    super(errcode, errmsg);
  }

  /** Returns whether a fresh token may cure it (40001, 42001, 40014). */
  public boolean stale() {
    return errcode() != 41001;
  }
}
