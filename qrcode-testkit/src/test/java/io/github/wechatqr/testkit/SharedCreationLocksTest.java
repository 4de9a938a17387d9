package io.github.wechatqr.testkit;

import io.github.wechatqr.domain.port.CreationLock;

/** The kit passes on a correct lock (and so can be trusted when it fails one). */
class SharedCreationLocksTest extends CreationLockContract {
  private final SharedCreationLocks locks = SharedCreationLocks.perRequest();

  @Override
  protected CreationLock createHolder() {
    return locks.holder();
  }
}
