package io.github.wechatqr.testkit;

import io.github.wechatqr.domain.session.ScanSessionStore;
import java.time.Clock;

/**
 * {@link ScanSessionStore#inProcess} keeps the kit's rules; its two instances are two views of the one store
 * of a process. It forgets expired sessions as new ones are created, not by a TTL (the domain's own test
 * covers that sweep).
 */
class InProcessScanSessionStoreTest extends ScanSessionStoreContract {
  private ScanSessionStore shared;

  @Override
  protected ScanSessionStore instance(Clock clock) {
    if (shared == null) {
      shared = ScanSessionStore.inProcess(clock);
    }
    return shared;
  }

  @Override
  protected boolean forgetsByTtl() {
    return false;
  }
}
