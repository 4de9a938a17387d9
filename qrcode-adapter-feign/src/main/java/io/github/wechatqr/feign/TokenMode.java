package io.github.wechatqr.feign;

/**
 * Which WeChat call fetches the access token.
 *
 * <pre>{@code
 * FeignQrCodeGateway.builder().appId(appId).secret(secret).tokenMode(TokenMode.STABLE).build();
 * }</pre>
 */
public enum TokenMode {
  /**
   * {@code GET /cgi-bin/token}: every fetch issues a new token and retires the previous one after five
   * minutes, so several processes that each fetch on their own knock each other out; share the
   * {@link io.github.wechatqr.domain.port.AccessTokenStore} between them.
   */
  CLASSIC,
  /**
   * {@code POST /cgi-bin/stable_token}: hands out the same token while it is valid, so independent
   * processes agree; the secret travels in the body, not the URL. After WeChat rejects a token this mode
   * asks again and, only if it gets the rejected token back, forces a refresh once.
   */
  STABLE
}
