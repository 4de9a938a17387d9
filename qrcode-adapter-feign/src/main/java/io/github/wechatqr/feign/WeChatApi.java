package io.github.wechatqr.feign;

import feign.Param;
import feign.RequestLine;

/**
 * The calls on the api base. The access token of create is a Feign parameter of the call; the appid and
 * secret of the classic token call are added to its query by {@link FeignWiring}'s request interceptor;
 * the stable_token body carries them itself. Feign's log lines are masked ({@link RedactingLogger}), and
 * the HTTP client below never logs them ({@link Hc5Client}).
 *
 * <p>{@code Accept: application/json} on every call and {@code Content-Type: application/json} on every
 * body are set by the client of this API ({@link FeignWiring}) rather than by {@code @Headers}: Feign
 * expands every header template through a stream pipeline on every call, a fifth of the bytes a create
 * allocated.
 */
interface WeChatApi {

  @RequestLine("GET /cgi-bin/token?grant_type=client_credential")
  TokenAnswer token();

  @RequestLine("POST /cgi-bin/stable_token")
  TokenAnswer stableToken(StableTokenBody body);

  @RequestLine("POST /cgi-bin/qrcode/create?access_token={access_token}")
  CreateAnswer create(@Param("access_token") String accessToken, CreateBody body);
}
