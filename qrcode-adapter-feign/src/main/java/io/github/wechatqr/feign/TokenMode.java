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
   * {@link io.github.wechatqr.domain.token.AccessTokenStore} between them. The secret travels in the URL.
   */
  CLASSIC,
  /**
   * {@code POST /cgi-bin/stable_token}: hands out the same token while it is valid, so independent
   * processes agree; the secret travels in the body, not the URL. The fetch after WeChat rejected a token
   * (whoever makes it) sends {@code force_refresh: true}. The default.
   */
  STABLE
}
