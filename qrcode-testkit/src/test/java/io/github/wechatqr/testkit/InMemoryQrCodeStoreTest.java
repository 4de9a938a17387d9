package io.github.wechatqr.testkit;

import io.github.wechatqr.domain.port.QrCodeStore;
import java.time.Clock;

class InMemoryQrCodeStoreTest extends QrCodeStoreContract {
  @Override
  protected QrCodeStore createStore(Clock clock) {
    return new InMemoryQrCodeStore(clock);
  }
}
