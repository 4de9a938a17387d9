package io.github.wechatqr.testkit;

import io.github.wechatqr.domain.port.QrImageStore;
import java.time.Clock;

/** The kit passes on a correct store (and so can be trusted when it fails one). */
class ReferenceImageStoreTest extends QrImageStoreContract {
  @Override
  protected QrImageStore createStore(Clock clock, long maximumBytes) {
    return new ReferenceImageStore(clock, maximumBytes, true, true);
  }
}
