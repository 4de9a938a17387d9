package io.github.wechatqr.spring;

import io.github.wechatqr.domain.ResolvedScan;

/**
 * Receives each scan with the name of the account whose callback endpoint it reached: {@code default} for the
 * one account of {@code wechat.qrcode.app-id}, else its key under {@code wechat.qrcode.accounts}. Every bean of
 * this type gets every scan of every account, after the {@code ScanListener} beans, in {@code @Order} order;
 * as for those, a throw answers WeChat 500 so it delivers the push again: be idempotent.
 *
 * <pre>{@code
 * @Bean
 * AccountScanListener logins(LoginSessions sessions) {
 *   return (account, scan) -> {
 *     if (scan.scene() instanceof SceneValue.Str login) {
 *       sessions.confirm(account, login.value(), scan.event().openId());
 *     }
 *   };
 * }
 * }</pre>
 */
@FunctionalInterface
public interface AccountScanListener {

  /**
   * Receives a scan of one of this application's codes, with the account it belongs to.
   *
   * @param account the account's name
   * @param scan the scan, its scene typed
   */
  void onScan(String account, ResolvedScan scan);
}
