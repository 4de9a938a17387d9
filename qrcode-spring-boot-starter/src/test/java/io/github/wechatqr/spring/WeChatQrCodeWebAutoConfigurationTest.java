package io.github.wechatqr.spring;

import static io.github.wechatqr.spring.StarterContexts.AES_KEY;
import static io.github.wechatqr.spring.StarterContexts.APP_ID;
import static io.github.wechatqr.spring.StarterContexts.CALLBACK_TOKEN;
import static io.github.wechatqr.spring.StarterContexts.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.events.WeChatCallbackHandler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

class WeChatQrCodeWebAutoConfigurationTest {
  private static final AutoConfigurations STARTER =
      AutoConfigurations.of(WeChatQrCodeAutoConfiguration.class, WeChatQrCodeWebAutoConfiguration.class);
  private static final String[] CALLBACK = {"wechat.qrcode.app-id=" + APP_ID, "wechat.qrcode.secret=" + SECRET,
      "wechat.qrcode.callback.token=" + CALLBACK_TOKEN, "wechat.qrcode.callback.encoding-aes-key=" + AES_KEY};

  private final WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(STARTER);

  @Test
  void the_handler_is_mounted_at_the_configured_path_of_a_servlet_application() {
    web.withPropertyValues(CALLBACK).withPropertyValues("wechat.qrcode.callback.path=/wx/push").run(context -> {
      SimpleUrlHandlerMapping mapping = context.getBean("wechatQrCodeCallbackMapping", SimpleUrlHandlerMapping.class);
      assertThat(mapping.getUrlMap()).containsOnlyKeys("/wx/push");
      assertThat(mapping.getUrlMap().get("/wx/push")).isInstanceOf(CallbackEndpoint.class);
      assertThat(mapping.getOrder()).isNegative(); // ahead of the application's @RequestMapping controllers
    });
  }

  @Test
  void the_default_path_is_wechat_callback() {
    web.withPropertyValues(CALLBACK).run(context ->
        assertThat(context.getBean(SimpleUrlHandlerMapping.class).getUrlMap()).containsOnlyKeys("/wechat/callback"));
  }

  @Test
  void without_a_callback_token_nothing_is_mounted() {
    web.withPropertyValues("wechat.qrcode.app-id=" + APP_ID, "wechat.qrcode.secret=" + SECRET).run(context -> {
      assertThat(context).doesNotHaveBean(WeChatCallbackHandler.class);
      assertThat(context).doesNotHaveBean("wechatQrCodeCallbackMapping");
    });
  }

  @Test
  void outside_a_web_application_the_handler_exists_but_nothing_is_mounted() {
    new ApplicationContextRunner().withConfiguration(STARTER).withPropertyValues(CALLBACK).run(context -> {
      assertThat(context).hasSingleBean(WeChatCallbackHandler.class);
      assertThat(context).doesNotHaveBean("wechatQrCodeCallbackMapping");
    });
  }

  @Test
  void without_spring_mvc_nothing_is_mounted() {
    web.withClassLoader(new FilteredClassLoader(DispatcherServlet.class)).withPropertyValues(CALLBACK)
        .run(context -> assertThat(context).doesNotHaveBean("wechatQrCodeCallbackMapping"));
  }
}
