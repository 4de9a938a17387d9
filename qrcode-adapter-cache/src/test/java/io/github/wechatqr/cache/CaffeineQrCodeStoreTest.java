package io.github.wechatqr.cache;

import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.testkit.QrCodeStoreContract;
import java.time.Clock;

class CaffeineQrCodeStoreTest extends QrCodeStoreContract {
  @Override
  protected QrCodeStore createStore(Clock clock) {
    return new CaffeineQrCodeStore(clock);
  }
}
