package io.github.wechatqr.spring;

import io.github.wechatqr.events.WeChatCallbackHandler;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Mounts the {@link WeChatCallbackHandler} on Spring MVC at {@code wechat.qrcode.callback.path}: {@code GET}
 * answers WeChat's URL verification, {@code POST} receives the pushes. The mapping is consulted before the
 * application's controllers, so the configured path always reaches the handler. Behind Spring Security,
 * permit the path and exempt it from CSRF: WeChat authenticates by signature.
 */
@AutoConfiguration(after = WeChatQrCodeAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean({WeChatCallbackHandler.class, WeChatQrCodeProperties.class})
public class WeChatQrCodeWebAutoConfiguration {
  /** Before {@code @RequestMapping} controllers (order 0), after the actuator's endpoints. */
  static final int ORDER = -1;

  /** Used by Spring. */
  public WeChatQrCodeWebAutoConfiguration() {}

  /**
   * Maps the callback path to the handler.
   *
   * @param handler the callback handler
   * @param properties the settings, for the path
   * @return the mapping of the path to the handler
   */
  @Bean
  @ConditionalOnMissingBean(name = "wechatQrCodeCallbackMapping")
  public SimpleUrlHandlerMapping wechatQrCodeCallbackMapping(WeChatCallbackHandler handler,
      WeChatQrCodeProperties properties) {
    return new SimpleUrlHandlerMapping(Map.of(properties.getCallback().getPath(), new CallbackEndpoint(handler)), ORDER);
  }
}
