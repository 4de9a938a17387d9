package io.github.wechatqr.feign;

import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.UpstreamUnavailable;

/**
 * One failed attempt, classified: whether to retry, how to tag it, and what to throw if it is the last.
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
    if (domain != null) {
      return domain;
    }
    return new UpstreamUnavailable(api.call() + ": " + detail + " (attempt " + attempts + " of " + maxAttempts + ")");
  }
}
