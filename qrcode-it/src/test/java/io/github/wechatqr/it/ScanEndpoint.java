package io.github.wechatqr.it;

import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.events.CallbackServer;
import io.github.wechatqr.events.WeChatCallbackHandler;
import io.github.wechatqr.testkit.Callback;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.SecretLedger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;

/**
 * The real events adapter in safe mode ({@link WeChatCallbackHandler} behind a {@link CallbackServer} on
 * 127.0.0.1), resolving through a service, with the fake pushing its scans there.
 */
final class ScanEndpoint implements AutoCloseable {
  final ScanRecorder scans = new ScanRecorder();
  private final CallbackServer server;

  ScanEndpoint(FakeWeChatServer fake, QrCodeService resolver, Clock clock, int threads) {
    WeChatCallbackHandler handler = WeChatCallbackHandler.builder()
        .token(SecretLedger.CALLBACK_TOKEN)
        .encodingAesKey(SecretLedger.ENCODING_AES_KEY, fake.appId())
        .clock(clock)
        .resolver(resolver)
        .scanListener(scans)
        .build();
    this.server = CallbackServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "/wechat",
        handler, threads);
    fake.callback(Callback.safe(server.url(), SecretLedger.CALLBACK_TOKEN, SecretLedger.ENCODING_AES_KEY));
  }

  @Override
  public void close() {
    server.close();
  }
}
