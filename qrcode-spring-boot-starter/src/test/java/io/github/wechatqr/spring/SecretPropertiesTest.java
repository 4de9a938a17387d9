package io.github.wechatqr.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class SecretPropertiesTest {
  private static final String SECRET = "Sup3rS3cretValue0000000000000042";
  private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  private static final String CALLBACK_TOKEN = "callbackToken7";
  private static final String SHOP_A_SECRET = "ShopASecret00000000000000000000a";
  private static final String SHOP_B_SECRET = "ShopBSecret00000000000000000000b";
  private static final String OLD_SECRET = "OldSecret000000000000000000000ff";
  private static final String REDIS_URI = "redis://:r3disPa55@127.0.0.1:6379/0";

  @ParameterizedTest
  @ValueSource(strings = {"wechat.qrcode.secret", "wechat.qrcode.callback.token", "wechat.qrcode.callback.encoding-aes-key",
      "wechat.qrcode.callback.encodingAesKey", "WECHAT_QRCODE_CALLBACK_ENCODINGAESKEY", "WECHAT_QRCODE_SECRET",
      "wechat.qrcode.redis.uri", "wechat.qrcode.accounts.shop-a.secret", "wechat.qrcode.accounts.shop-a.callback.token",
      "wechat.qrcode.accounts.shop-a.callback.encoding-aes-key", "WECHAT_QRCODE_ACCOUNTS_SHOPA_CALLBACK_ENCODINGAESKEY",
      "wechat.qrcode.accounts.shop-a.redis.uri"})
  void a_secret_bearing_name_under_wechat_qrcode_holds_a_secret_in_every_spelling(String key) {
    assertThat(SecretProperties.holdsSecret(key)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"wechat.qrcode.app-id", "wechat.qrcode.callback.path", "wechat.qrcode.token.safety-margin",
      "wechat.qrcode.accounts.shop-a.token.retry-delay", "wechat.qrcode.accounts.shop-a.app-id", "other.secret",
      "secret", "wechat.qrcode.redis.key-prefix", "wechat.qrcode.secretive", ""})
  void other_names_hold_none(String key) {
    assertThat(SecretProperties.holdsSecret(key)).isFalse();
  }

  @Test
  void names_as_spring_boot_reads_them_agree_with_the_keys() {
    for (String name : new String[] {"wechat.qrcode.secret", "wechat.qrcode.accounts.shop-a.callback.encoding-aes-key",
        "wechat.qrcode.callback.token"}) {
      assertThat(SecretProperties.holdsSecret(ConfigurationPropertyName.of(name))).as(name).isTrue();
    }
    for (String name : new String[] {"wechat.qrcode.token.safety-margin", "other.secret", "secret", "wechat.qrcode"}) {
      assertThat(SecretProperties.holdsSecret(ConfigurationPropertyName.of(name))).as(name).isFalse();
    }
  }

  @Test
  void the_values_come_from_every_source_with_their_placeholders_resolved() {
    StandardEnvironment environment = new StandardEnvironment();
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("WECHAT_SECRET", SECRET);
    variables.put("WECHAT_AES_KEY", AES_KEY);
    variables.put("WECHAT_CALLBACK_TOKEN", CALLBACK_TOKEN);
    variables.put("WECHAT_QRCODE_ACCOUNTS_SHOPB_SECRET", SHOP_B_SECRET);
    variables.put("HOME", "/home/app");
    environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    Map<String, Object> yaml = new LinkedHashMap<>();
    yaml.put("wechat.qrcode.app-id", "wx1234567890abcdef");
    yaml.put("wechat.qrcode.secret", "${WECHAT_SECRET}");
    yaml.put("wechat.qrcode.callback.token", "${WECHAT_CALLBACK_TOKEN}");
    yaml.put("wechat.qrcode.callback.encoding-aes-key", "${WECHAT_AES_KEY}");
    yaml.put("wechat.qrcode.accounts.shop-a.secret", SHOP_A_SECRET);
    yaml.put("wechat.qrcode.accounts.shop-a.callback.token", "${SHOP_A_TOKEN}"); // unresolved: no secret
    yaml.put("wechat.qrcode.accounts.shop-c.callback.token", "  ");
    yaml.put("wechat.qrcode.redis.uri", REDIS_URI);
    environment.getPropertySources().addLast(new MapPropertySource("Config resource 'class path resource"
        + " [application.yml]' via location 'optional:classpath:/'", yaml));
    environment.getPropertySources().addLast(new MapPropertySource("defaultProperties",
        Map.of("wechat.qrcode.secret", OLD_SECRET))); // overridden, and still a secret
    environment.getPropertySources().addLast(new PropertySource<Object>("vault") { // lists no names
      @Override
      public Object getProperty(String name) {
        return name.equals("wechat.qrcode.callback.encoding-aes-key") ? "VaultKey" + AES_KEY.substring(8) : null;
      }
    });

    assertThat(SecretProperties.values(environment)).containsExactlyInAnyOrder(SECRET, CALLBACK_TOKEN, AES_KEY,
        SHOP_A_SECRET, SHOP_B_SECRET, OLD_SECRET, REDIS_URI, "VaultKey" + AES_KEY.substring(8));
  }

  @Test
  void a_placeholder_is_unresolved_while_its_text_is_in_the_value() {
    for (String value : new String[] {"${WECHAT_SECRET}", "prefix${X:}", "${a}${b}"}) {
      assertThat(SecretProperties.unresolved(value)).as(value).isTrue();
    }
    for (String value : new String[] {"abc", "$abc", "{abc}", "$ {abc}", "${abc", ""}) {
      assertThat(SecretProperties.unresolved(value)).as(value).isFalse();
    }
    assertThat(SecretProperties.unresolved(null)).isFalse();
  }
}
