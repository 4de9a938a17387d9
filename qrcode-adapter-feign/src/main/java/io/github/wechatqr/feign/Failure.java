package io.github.wechatqr.feign;

import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.WeChatApiException;

/**
 * One failed attempt, classified: whether to retry, how to tag it, and what to throw if it is the last.
 * Every "try again later" outcome ends as an {@link UpstreamUnavailable}: failures below the protocol, and
 * WeChat's own {@code -1} (system busy), which keeps its errcode ({@link UpstreamUnavailable#errcode()}).
 *
 * @param outcome the {@code outcome} metric tag: an errcode such as {@code -1}, or a {@link FailureKind} tag
 * @param retryable whether another attempt may help
 * @param domain the domain exception to throw as is, or {@code null} for failures below the protocol
 * @param detail what went wrong below the protocol, in words free of credentials
 */
record Failure(String outcome, boolean retryable, QrCodeException domain, String detail) {

  /**
   * @param api the call
   * @param attempts how many attempts were made
   * @param maxAttempts the limit
   * @return the exception to throw once no more attempts are made
   */
  QrCodeException toException(Api api, int attempts, int maxAttempts) {
    String tried = " (attempt " + attempts + " of " + maxAttempts + ")";
    if (domain instanceof WeChatApiException busy && busy.errcode() == WeChatApiException.SYSTEM_BUSY) {
      return new UpstreamUnavailable(api.call() + ": WeChat is busy, errcode -1 (" + busy.errmsg() + ")" + tried,
          WeChatApiException.SYSTEM_BUSY);
    }
    if (domain != null) {
      return domain;
    }
    return new UpstreamUnavailable(api.call() + ": " + detail + tried);
  }
}
