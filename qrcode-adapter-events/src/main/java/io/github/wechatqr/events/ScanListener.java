package io.github.wechatqr.events;

import io.github.wechatqr.domain.ResolvedScan;

/**
 * Receives each QR scan once, with its scene typed by {@code QrCodeService.resolve}: exactly, with the
 * issued {@link io.github.wechatqr.domain.QrCode}, when the ticket is one this library issued. A push is
 * marked as seen only after this returns normally; if it throws, WeChat is answered HTTP 500 and delivers
 * the push again, so nothing is lost. Called concurrently for different scans, never twice at once for one.
 *
 * <pre>{@code
 * ScanListener listener = scan -> {
 *   if (scan.scene() instanceof SceneValue.Str login) {
 *     sessions.confirm(login.value(), scan.event().openId());
 *   }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface ScanListener {

  /**
   * Receives a scan of one of this application's codes.
   *
   * @param scan the scan, its scene typed
   */
  void onScan(ResolvedScan scan);
}
