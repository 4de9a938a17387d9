package io.github.wechatqr.bench;

import io.github.wechatqr.testkit.FakeWeChatServer;
import me.chanjar.weixin.common.util.http.apache.DefaultApacheHttpClientBuilder;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import me.chanjar.weixin.mp.config.WxMpHostConfig;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;

/**
 * WxJava 4.7.9.B ({@code weixin-java-mp}), the leading Java SDK, pointed at the same fake: every host
 * (api, mp, open) replaced, retries off so a failure shows instead of being slept through, 16
 * connections per host (its default of 10 would queue 16 threads on its own pool), and otherwise its
 * defaults (Apache HttpClient 4.5, Gson). For comparison only.
 */
final class WxJava {
  private WxJava() {}

  /**
   * @param fake the fake WeChat
   * @param callbackToken the callback token, for {@code fromEncryptedXml}
   * @param encodingAesKey the EncodingAESKey, for {@code fromEncryptedXml}
   * @return the configuration
   */
  static WxMpDefaultConfigImpl config(FakeWeChatServer fake, String callbackToken, String encodingAesKey) {
    // A process-wide singleton that builds its client once: set before the first service is built.
    DefaultApacheHttpClientBuilder.get().setMaxConnPerHost(16);
    WxMpDefaultConfigImpl config = new WxMpDefaultConfigImpl();
    config.setAppId(fake.appId());
    config.setSecret(fake.secret());
    config.setToken(callbackToken);
    config.setAesKey(encodingAesKey);
    WxMpHostConfig hosts = new WxMpHostConfig();
    String base = fake.baseUri().toString();
    hosts.setApiHost(base);
    hosts.setMpHost(base);
    hosts.setOpenHost(base);
    config.setHostConfig(hosts);
    return config;
  }

  /** The service over {@link #config}; its token is fetched by its first call, then cached by it. */
  static WxMpService service(WxMpDefaultConfigImpl config) {
    WxMpService service = new WxMpServiceImpl();
    service.setWxMpConfigStorage(config);
    service.setMaxRetryTimes(0);
    return service;
  }
}
