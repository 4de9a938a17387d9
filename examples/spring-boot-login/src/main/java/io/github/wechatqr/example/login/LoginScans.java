package io.github.wechatqr.example.login;

import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.events.ScanListener;
import org.springframework.stereotype.Component;

/** Logs in whoever scans a login code: the starter hands every scan to every {@code ScanListener} bean. */
@Component
class LoginScans implements ScanListener {
  private final LoginSessions sessions;

  LoginScans(LoginSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public void onScan(ResolvedScan scan) {
    if (scan.scene() instanceof SceneValue.Str scene) {  // a string scene stays a string, "123" included
      sessions.scanned(scene, scan.event().openId());
    }
  }
}
