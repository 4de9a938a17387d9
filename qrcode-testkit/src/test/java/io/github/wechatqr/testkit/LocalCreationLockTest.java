package io.github.wechatqr.testkit;

import io.github.wechatqr.domain.port.CreationLock;

/**
 * {@link CreationLock#local()} keeps the rules that need no exclusion: it returns the result, rethrows what
 * the creation throws and never blocks. Exclusion it leaves to {@code QrCodeService}'s single flight, which
 * runs one creation per request in a process (and a process is all that shares a local lock).
 */
class LocalCreationLockTest extends CreationLockContract {
  @Override
  protected CreationLock createHolder() {
    return CreationLock.local();
  }

  @Override
  protected boolean holdersExcludeEachOther() {
    return false;
  }
}
