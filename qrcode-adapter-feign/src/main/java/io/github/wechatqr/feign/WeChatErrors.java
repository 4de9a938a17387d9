package io.github.wechatqr.feign;

import io.github.wechatqr.domain.WeChatApiException;

/** WeChat answers errors as HTTP 200 with an {@code errcode}: every answer goes through here first. */
final class WeChatErrors {
  private WeChatErrors() {}

  /**
   * @param errcode the answer's {@code errcode}; absent or 0 means success
   * @param errmsg the answer's {@code errmsg}
   * @throws WeChatApiException the intent-named subtype, errcode and errmsg kept; {@code -1} is retried and
   *     leaves the gateway as {@link io.github.wechatqr.domain.UpstreamUnavailable} ({@link Failure})
   */
  static void check(Integer errcode, String errmsg) {
    if (errcode != null && errcode != 0) {
      throw WeChatApiException.of(errcode, errmsg == null ? "" : errmsg);
    }
  }
}
