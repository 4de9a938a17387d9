package io.github.wechatqr.spring;

import io.github.wechatqr.testkit.FakeWeChatServer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Context runners for the starter's tests, and the text of a failed start. */
final class StarterContexts {
  static final String APP_ID = "wx1234567890abcdef";
  static final String SECRET = "Sup3rS3cretValue0000000000000042";
  static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  static final String CALLBACK_TOKEN = "callbackToken7";

  private StarterContexts() {}

  /** @return the main auto-configuration, nothing set */
  static ApplicationContextRunner runner() {
    return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WeChatQrCodeAutoConfiguration.class));
  }

  /** @return the main auto-configuration with appid and secret */
  static ApplicationContextRunner configured() {
    return runner().withPropertyValues("wechat.qrcode.app-id=" + APP_ID, "wechat.qrcode.secret=" + SECRET);
  }

  /** @return the main auto-configuration pointed at the fake, retries without noticeable waits */
  static ApplicationContextRunner against(FakeWeChatServer fake) {
    return runner().withPropertyValues("wechat.qrcode.app-id=" + fake.appId(), "wechat.qrcode.secret=" + fake.secret(),
        "wechat.qrcode.api-base=" + fake.baseUri(), "wechat.qrcode.mp-base=" + fake.baseUri(),
        "wechat.qrcode.retry.initial-backoff=1ms", "wechat.qrcode.retry.max-backoff=2ms");
  }

  /** @return the class and message of the start-up failure and of each of its causes, one per line */
  static String failure(AssertableApplicationContext context) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }
}
