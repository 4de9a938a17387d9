package io.github.wechatqr.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.feign.TokenMode;
import io.github.wechatqr.spring.WeChatQrCodeProperties.Account;
import io.github.wechatqr.spring.WeChatQrCodeProperties.CallbackSettings.Mode;
import io.github.wechatqr.spring.WeChatQrCodeProperties.StoreType;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountConfigTest {
  private static final String SECRET = "secretOfShopA000000000000000001";
  private static final String CALLBACK_TOKEN = "tokenOfShopA1";

  private static WeChatQrCodeProperties shopA() {
    WeChatQrCodeProperties properties = new WeChatQrCodeProperties();
    Account a = new Account();
    a.setAppId("wxaaaa000000000001");
    a.setSecret(SECRET);
    a.getCallback().setToken(CALLBACK_TOKEN);
    properties.getAccounts().put("shop-a", a);
    return properties;
  }

  @Test
  void the_one_account_of_app_id_is_named_default_and_takes_the_top_level_settings() {
    WeChatQrCodeProperties properties = new WeChatQrCodeProperties();
    properties.setAppId("wx1234567890abcdef");
    properties.setSecret(SECRET);

    AccountConfig only = AccountConfig.of(properties).get(0);

    assertThat(AccountConfig.of(properties)).hasSize(1);
    assertThat(only.name()).isEqualTo("default");
    assertThat(only.oneOfSeveral()).isFalse();
    assertThat(only.property("app-id")).isEqualTo("wechat.qrcode.app-id");
    assertThat(only.callbackPath()).isEqualTo("/wechat/callback");
    assertThat(only.secret()).isEqualTo(SECRET);
  }

  @Test
  void an_account_takes_the_shared_settings_it_does_not_set_and_a_path_under_the_shared_one() {
    WeChatQrCodeProperties properties = shopA();
    properties.setTokenMode(TokenMode.CLASSIC);
    properties.setStore(StoreType.REDIS);
    properties.getCallback().setMode(Mode.COMPATIBLE);
    properties.getCallback().setPath("/hooks/");

    AccountConfig a = AccountConfig.of(properties).get(0);

    assertThat(a.oneOfSeveral()).isTrue();
    assertThat(a.property("app-id")).isEqualTo("wechat.qrcode.accounts.shop-a.app-id");
    assertThat(List.of(a.tokenMode(), a.store(), a.mode())).containsExactly(TokenMode.CLASSIC, StoreType.REDIS,
        Mode.COMPATIBLE);
    assertThat(a.callbackPath()).isEqualTo("/hooks/shop-a");
    assertThat(a.mounted()).isTrue();
  }

  @Test
  void an_accounts_own_settings_win() {
    WeChatQrCodeProperties properties = shopA();
    Account a = properties.getAccounts().get("shop-a");
    a.setTokenMode(TokenMode.CLASSIC);
    a.setStore(StoreType.REDIS);
    a.getCallback().setMode(Mode.PLAIN);
    a.getCallback().setPath("/own");

    AccountConfig config = AccountConfig.of(properties).get(0);

    assertThat(List.of(config.tokenMode(), config.store(), config.mode()))
        .containsExactly(TokenMode.CLASSIC, StoreType.REDIS, Mode.PLAIN);
    assertThat(config.callbackPath()).isEqualTo("/own");
  }

  @Test
  void without_a_shared_path_an_account_has_none_and_the_check_names_its_property() {
    WeChatQrCodeProperties properties = shopA();
    properties.getAccounts().get("shop-a").getCallback().setMode(Mode.PLAIN);
    properties.getCallback().setPath(null);

    assertThat(AccountConfig.of(properties).get(0).callbackPath()).isNull();
    assertThat(PropertiesCheck.problems(properties)).singleElement().asString()
        .startsWith("wechat.qrcode.accounts.shop-a.callback.path must start with /");
  }

  @Test
  void no_description_shows_a_secret() {
    WeChatQrCodeProperties properties = shopA();
    properties.getAccounts().get("shop-a").getCallback().setEncodingAesKey("k".repeat(43));

    for (String text : List.of(properties.toString(), properties.getAccounts().get("shop-a").toString(),
        AccountConfig.of(properties).get(0).toString())) {
      assertThat(text).doesNotContain(SECRET).doesNotContain(CALLBACK_TOKEN).doesNotContain("k".repeat(43));
    }
    assertThat(properties.toString()).contains("accounts=[shop-a]");
    assertThat(properties.getAccounts().get("shop-a")).hasToString("Account[appId=wxaaaa000000000001, secret=<redacted>]");
    assertThat(new Account()).hasToString("Account[appId=null, secret=none]");
    assertThat(AccountConfig.of(properties).get(0).toString()).contains("name=shop-a").contains("appId=wxaaaa000000000001");
  }

  @Test
  void the_one_account_settings_beside_accounts_are_named_all_at_once() {
    WeChatQrCodeProperties properties = shopA();
    properties.getAccounts().get("shop-a").getCallback().setMode(Mode.PLAIN);
    properties.setAppId("wx1234567890abcdef");
    properties.getCallback().setToken(CALLBACK_TOKEN);
    properties.getCallback().setEncodingAesKey("k".repeat(43));

    assertThat(PropertiesCheck.problems(properties)).singleElement().asString()
        .isEqualTo("wechat.qrcode.app-id, wechat.qrcode.callback.encoding-aes-key, wechat.qrcode.callback.token must"
            + " not be set with wechat.qrcode.accounts: set each account's under wechat.qrcode.accounts.<name> (the"
            + " other settings are shared)");
  }
}
