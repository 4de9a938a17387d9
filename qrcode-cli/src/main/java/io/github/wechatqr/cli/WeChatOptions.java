package io.github.wechatqr.cli;

import io.github.wechatqr.feign.FeignQrCodeGateway;
import java.net.URI;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** Where WeChat is and who we are: shared by every command that talks to it. */
final class WeChatOptions {
  @Option(names = "--appid", defaultValue = "${env:WECHAT_APPID}", showDefaultValue = Visibility.NEVER,
      description = "The account's appid (default: $WECHAT_APPID).")
  String appId;

  @Option(names = "--secret", defaultValue = "${env:WECHAT_SECRET}", showDefaultValue = Visibility.NEVER,
      description = "The account's secret (default: $WECHAT_SECRET; prefer the environment: the command "
          + "line is visible to other users of the machine). Never printed.")
  String secret;

  @Option(names = "--api-base", defaultValue = FeignQrCodeGateway.DEFAULT_API_BASE,
      description = "Base URL of token and create calls (default: ${DEFAULT-VALUE}).")
  URI apiBase;

  @Option(names = "--mp-base", defaultValue = FeignQrCodeGateway.DEFAULT_MP_BASE,
      description = "Base URL of showqrcode (default: ${DEFAULT-VALUE}).")
  URI mpBase;

  @Option(names = "--classic-token",
      description = "Fetch tokens with /cgi-bin/token (secret in the URL) instead of /cgi-bin/stable_token.")
  boolean classicToken;

  @Option(names = "--redis", paramLabel = "URI", converter = RedisUris.class,
      description = "Share the access token and the codes with other instances through Redis, e.g. "
          + "redis://127.0.0.1:6379. Its password is never printed.")
  URI redis;

  String requireAppId() {
    if (appId == null || appId.isBlank()) {
      throw new IllegalArgumentException("missing --appid (or WECHAT_APPID)");
    }
    return appId;
  }

  String requireSecret() {
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("missing --secret (or WECHAT_SECRET)");
    }
    return secret;
  }
}
