package io.github.wechatqr.feign;

import feign.Headers;
import feign.RequestLine;

/**
 * The calls on the api base. Credentials are not part of these templates: {@link CredentialsClient}
 * adds them below Feign, so Feign's requests, log lines and exceptions never hold them.
 */
@Headers("Accept: application/json")
interface WeChatApi {

  @RequestLine("GET /cgi-bin/token?grant_type=client_credential")
  @Headers(CredentialsClient.APP_CREDENTIALS + ": query")
  TokenAnswer token();

  @RequestLine("POST /cgi-bin/stable_token")
  @Headers("Content-Type: application/json")
  TokenAnswer stableToken(StableTokenBody body);

  @RequestLine("POST /cgi-bin/qrcode/create")
  @Headers({"Content-Type: application/json", CredentialsClient.ACCESS_TOKEN + ": query"})
  CreateAnswer create(CreateBody body);
}
