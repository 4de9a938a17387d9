package io.github.wechatqr.domain.token;

import io.github.wechatqr.domain.AccessToken;

/**
 * The token in a field of this process: reads take no lock; renewals and rejections take this slot's
 * monitor. The slot of {@link TokenKeeper#inProcess}; other in-process stores decorate it.
 */
public final class InProcessTokenSlot implements TokenSlot {
  private volatile AccessToken current;
  private String rejected;

  @Override
  public AccessToken current() {
    return current;
  }

  @Override
  public synchronized AccessToken renew(Renewal renewal) {
    AccessToken held = current;
    if (!renewal.needed(held)) {
      return held;
    }
    AccessToken fresh = renewal.fetch(rejected == null ? RefreshReason.DUE : RefreshReason.REJECTED);
    current = fresh;
    rejected = null;
    return fresh;
  }

  @Override
  public synchronized boolean reject(AccessToken stale) {
    AccessToken held = current;
    if (held == null || !held.value().equals(stale.value())) {
      return false;
    }
    current = null;
    rejected = stale.value();
    return true;
  }

  @Override
  public String toString() {
    return "InProcessTokenSlot[holding=" + (current != null) + "]";
  }
}
