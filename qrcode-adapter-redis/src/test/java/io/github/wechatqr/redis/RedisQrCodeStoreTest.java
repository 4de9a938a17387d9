package io.github.wechatqr.redis;

import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.testkit.QrCodeStoreContract;
import java.time.Clock;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedRedis.class)
class RedisQrCodeStoreTest extends QrCodeStoreContract {
  @Override
  protected QrCodeStore createStore(Clock clock) {
    return SharedRedis.stores().qrCodeStore(SharedRedis.freshAppId(), clock);
  }
}
