package io.github.wechatqr.testkit;

import java.net.URI;
import java.time.Clock;

/**
 * What {@link QrCodeGatewayContract} hands to the gateway under test. Configure retries with a short
 * backoff (a few milliseconds) and at least 3 attempts so the kit runs quickly.
 *
 * @param apiBase where {@code /cgi-bin/token}, {@code stable_token} and {@code qrcode/create} live
 * @param mpBase where {@code /cgi-bin/showqrcode} lives
 * @param appId the account's appid
 * @param secret the account's secret
 * @param clock the clock shared with the fake server
 */
public record GatewaySetup(URI apiBase, URI mpBase, String appId, String secret, Clock clock) {
  @Override
  public String toString() {
    return "GatewaySetup[" + apiBase + ", " + mpBase + ", appId=" + appId + ", secret=<redacted>]";
  }
}
