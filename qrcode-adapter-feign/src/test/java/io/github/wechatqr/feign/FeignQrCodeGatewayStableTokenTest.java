package io.github.wechatqr.feign;

import io.github.wechatqr.domain.port.QrCodeGateway;
import io.github.wechatqr.testkit.GatewaySetup;
import io.github.wechatqr.testkit.QrCodeGatewayContract;

/** The gateway contract, with tokens from {@code /cgi-bin/stable_token}. */
class FeignQrCodeGatewayStableTokenTest extends QrCodeGatewayContract {
  @Override
  protected QrCodeGateway createGateway(GatewaySetup setup) {
    return TestGateways.forSetup(setup, TokenMode.STABLE);
  }
}
