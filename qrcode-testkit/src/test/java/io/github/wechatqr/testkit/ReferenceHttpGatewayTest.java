package io.github.wechatqr.testkit;

import io.github.wechatqr.domain.port.QrCodeGateway;

/** The gateway kit is green against a correct gateway. */
class ReferenceHttpGatewayTest extends QrCodeGatewayContract {
  @Override
  protected QrCodeGateway createGateway(GatewaySetup setup) {
    return new ReferenceHttpGateway(setup, true, true);
  }
}
