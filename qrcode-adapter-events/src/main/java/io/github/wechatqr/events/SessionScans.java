package io.github.wechatqr.events;

import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.domain.session.ScanOutcome;
import io.github.wechatqr.domain.session.ScanSession;
import io.github.wechatqr.domain.session.ScanSessions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scan listener of a handler given {@link ScanSessions}: a scan of a session's code goes to the
 * sessions (recorded, its waiters told), every other scan to the host's listener as before. What it
 * throws (the session store unreachable) is answered 500 like any listener's failure, so WeChat delivers
 * the push again.
 */
final class SessionScans implements ScanListener {
  private static final Logger LOG = LoggerFactory.getLogger(SessionScans.class);

  private final ScanSessions sessions;
  private final @Nullable ScanListener host;

  /**
   * @param sessions takes the scans of session codes
   * @param host takes every other scan; {@code null} to just answer them
   */
  SessionScans(ScanSessions sessions, @Nullable ScanListener host) {
    this.sessions = sessions;
    this.host = host;
  }

  @Override
  public void onScan(ResolvedScan scan) {
    ScanOutcome outcome = sessions.accept(scan.event());
    if (!outcome.claimed()) {
      if (host != null) {
        host.onScan(scan);
      } else {
        LOG.debug("a scan of no scan session and no scan listener; answered success");
      }
      return;
    }
    String session = ScanSession.shortId(scan.event().sceneKey());
    if (outcome == ScanOutcome.RECORDED) {
      LOG.debug("scan session {} scanned", session);
    } else {
      // Not a new login: a retry, a second scanner, a scan after the one use, or a code past its time.
      LOG.info("scan of scan session {} not recorded: {}", session, outcome);
    }
  }
}
