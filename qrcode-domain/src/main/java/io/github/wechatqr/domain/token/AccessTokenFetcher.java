package io.github.wechatqr.domain.token;

import io.github.wechatqr.domain.AccessToken;

/** Fetches a new access token from WeChat. A store is given one when it is made and calls nothing else. */
@FunctionalInterface
public interface AccessTokenFetcher {

  /**
   * Fetches a new access token from WeChat.
   *
   * @param reason why the store fetches; {@link RefreshReason#REJECTED} must not hand back the rejected
   *     token (in {@code stable_token} mode: {@code force_refresh: true})
   * @return the new token, its expiry counted from a clock reading taken before the call
   * @throws io.github.wechatqr.domain.QrCodeException if WeChat could not be reached or refused
   */
  AccessToken fetch(RefreshReason reason);
}
