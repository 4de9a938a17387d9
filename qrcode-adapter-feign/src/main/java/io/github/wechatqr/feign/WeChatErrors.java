package io.github.wechatqr.feign;

import io.github.wechatqr.domain.WeChatApiException;

/** WeChat answers errors as HTTP 200 with an {@code errcode}: every answer goes through here first. */
final class WeChatErrors {
  private WeChatErrors() {}

  /**
   * @param errcode the answer's {@code errcode}; absent or 0 means success
   * @param errmsg the answer's {@code errmsg}
   * @throws io.github.wechatqr.domain.QrCodeException {@code UpstreamUnavailable} for {@code -1}, the
   *     intent-named {@link WeChatApiException} subtype for any other code, errcode and errmsg kept
   */
  static void check(Integer errcode, String errmsg) {
    if (errcode != null && errcode != 0) {
      throw WeChatApiException.failure(errcode, errmsg == null ? "" : errmsg);
    }
  }
}
