package io.github.wechatqr.spring;

import io.github.wechatqr.events.WeChatCallbackHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Mounts each account's {@link WeChatCallbackHandler} on Spring MVC at its path ({@code wechat.qrcode.callback.path},
 * or {@code accounts.<name>.callback.path}): {@code GET} answers WeChat's URL verification, {@code POST}
 * receives the pushes, checked with that account's token and key only. The mapping is consulted before the
 * application's controllers, so the configured paths always reach the handlers. Behind Spring Security,
 * permit the paths and exempt them from CSRF: WeChat authenticates by signature.
 */
@AutoConfiguration(after = WeChatQrCodeAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(StarterAccounts.class)
@Conditional(WeChatQrCodeWebAutoConfiguration.Mounted.class)
public class WeChatQrCodeWebAutoConfiguration {
  /** Before {@code @RequestMapping} controllers (order 0), after the actuator's endpoints. */
  static final int ORDER = -1;

  /** Used by Spring. */
  public WeChatQrCodeWebAutoConfiguration() {}

  /**
   * Maps each account's callback path to its handler.
   *
   * @param accounts the accounts, those with a callback handler mounted
   * @return the mapping of the paths to the handlers
   */
  @Bean
  @ConditionalOnMissingBean(name = "wechatQrCodeCallbackMapping")
  SimpleUrlHandlerMapping wechatQrCodeCallbackMapping(StarterAccounts accounts) {
    Map<String, Object> endpoints = new LinkedHashMap<>();
    accounts.all().stream().filter(account -> account.callback() != null)
        .forEach(account -> endpoints.put(account.callbackPath(), new CallbackEndpoint(account.callback())));
    return new SimpleUrlHandlerMapping(endpoints, ORDER);
  }

  /** A callback handler of the one account of {@code app-id}, or several accounts (each mounted with a token). */
  static final class Mounted extends AnyNestedCondition {
    Mounted() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnBean(WeChatCallbackHandler.class)
    interface OneAccountsHandler {}

    @Conditional(AccountsCondition.Several.class)
    interface SeveralAccounts {}
  }
}
