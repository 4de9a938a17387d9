package io.github.wechatqr.domain;

/**
 * A quota is used up: {@code 45009} daily, {@code 45011} per minute, or {@code 45029} the permanent-code
 * count (100,000 per account). Never retried at once.
 */
public final class QuotaExceeded extends WeChatApiException {
  private static final long serialVersionUID = 1L;

  /** {@code 45029}: the account holds as many permanent codes as WeChat allows. */
  public static final int PERMANENT_CODE_LIMIT = 45029;

  /**
   * Creates the exception for a quota WeChat says is used up.
   *
   * @param errcode one of 45009, 45011, 45029
   * @param errmsg WeChat's message
   */
  public QuotaExceeded(int errcode, String errmsg) {
    super(errcode, errmsg);
  }

  /** Returns whether the permanent-code limit was reached, which waiting does not cure. */
  public boolean permanentCodeLimit() {
    return errcode() == PERMANENT_CODE_LIMIT;
  }
}
