package io.github.wechatqr.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import io.github.wechatqr.spring.WeChatQrCodeProperties.CallbackSettings.Mode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class PropertiesCheckTest {
  private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private static WeChatQrCodeProperties valid() {
    WeChatQrCodeProperties properties = new WeChatQrCodeProperties();
    properties.setAppId("wx1234567890abcdef");
    return properties;
  }

  private static WeChatQrCodeProperties withCallback(String token, String key) {
    WeChatQrCodeProperties properties = valid();
    properties.getCallback().setToken(token);
    properties.getCallback().setEncodingAesKey(key);
    return properties;
  }

  @Test
  void the_defaults_with_an_appid_break_no_rule() {
    assertThat(PropertiesCheck.problems(valid())).isEmpty();
  }

  @Test
  void any_43_base64_characters_make_a_valid_encoding_aes_key() {
    qt().withExamples(200).forAll(integers().between(0, Integer.MAX_VALUE)).checkAssert(seed -> {
      StringBuilder key = new StringBuilder();
      for (int i = 0, s = seed; i < 43; i++, s = s * 31 + 7) {
        key.append(BASE64.charAt(Math.floorMod(s, BASE64.length())));
      }
      assertThat(PropertiesCheck.problems(withCallback("token123", key.toString()))).isEmpty();
    });
  }

  @Test
  void any_other_length_is_refused_naming_the_length_and_never_the_key() {
    qt().withExamples(200).forAll(strings().allPossible().ofLengthBetween(0, 80))
        .assuming(key -> key.length() != 43)
        .checkAssert(key -> {
          List<String> problems = PropertiesCheck.problems(withCallback("token123", key));
          assertThat(problems).anySatisfy(p -> assertThat(p).contains("it has " + key.length() + " characters"));
          if (key.length() > 3) {
            assertThat(problems).allSatisfy(p -> assertThat(p).doesNotContain(key));
          }
        });
  }

  @Test
  void a_callback_token_is_3_to_32_letters_or_digits() {
    assertThat(PropertiesCheck.problems(plainCallback("abc"))).isEmpty();
    assertThat(PropertiesCheck.problems(plainCallback("A1".repeat(16)))).isEmpty();
    for (String bad : List.of("ab", "A1".repeat(16) + "x", "with space", "dash-ed", "汉字汉字")) {
      assertThat(PropertiesCheck.problems(plainCallback(bad))).as(bad).singleElement()
          .satisfies(p -> assertThat(p).startsWith("wechat.qrcode.callback.token must be 3..32"));
    }
  }

  private static WeChatQrCodeProperties plainCallback(String token) {
    WeChatQrCodeProperties properties = withCallback(token, null);
    properties.getCallback().setMode(Mode.PLAIN);
    return properties;
  }

  @Test
  void the_callback_path_is_a_plain_absolute_path() {
    for (String bad : List.of("wechat", "/wechat/*", "/we chat", "/a?b", "")) {
      WeChatQrCodeProperties properties = valid();
      properties.getCallback().setPath(bad);
      assertThat(PropertiesCheck.problems(properties)).as(bad).singleElement()
          .satisfies(p -> assertThat(p).startsWith("wechat.qrcode.callback.path"));
    }
  }

  @Test
  void the_dedup_window_must_cover_the_skew_limit() {
    WeChatQrCodeProperties properties = valid();
    properties.getCallback().setMaxSkew(Duration.ofMinutes(5));
    properties.getCallback().setDedupWindow(Duration.ofMinutes(9));

    assertThat(PropertiesCheck.problems(properties)).singleElement()
        .satisfies(p -> assertThat(p).contains("callback.dedup-window (PT9M) must cover twice callback.max-skew (PT5M)"));
  }

  @Test
  void limits_out_of_range_are_each_named() {
    WeChatQrCodeProperties properties = valid();
    properties.getCallback().setMaxBodySize(DataSize.ofMegabytes(17));
    properties.getCallback().setMaxSkew(Duration.ofMillis(500));
    properties.getCallback().setDedupCapacity(0);
    properties.getCache().setMaxCodes(0);
    properties.getCache().setMaxImageSize(DataSize.ofBytes(-1));
    properties.getRedis().setKeyPrefix("has space");
    properties.getRedis().setLockTtl(Duration.ZERO);
    properties.getToken().setSafetyMargin(Duration.ofSeconds(-1));
    properties.getReuse().setPolicy(WeChatQrCodeProperties.ReuseSettings.Policy.AT_LEAST);
    properties.getReuse().setMinRemaining(Duration.ZERO);
    properties.setConnectTimeout(Duration.ofMinutes(11));
    properties.setMpBase(URI.create("ftp://127.0.0.1"));

    assertThat(PropertiesCheck.problems(properties)).hasSize(11).anySatisfy(p -> assertThat(p).startsWith(
        "wechat.qrcode.callback.max-body-size")).anySatisfy(p -> assertThat(p).startsWith("wechat.qrcode.callback.max-skew"))
        .anySatisfy(p -> assertThat(p).startsWith("wechat.qrcode.callback.dedup-capacity"))
        .anySatisfy(p -> assertThat(p).startsWith("wechat.qrcode.cache.max-codes"))
        .anySatisfy(p -> assertThat(p).startsWith("wechat.qrcode.cache.max-image-size"))
        .anySatisfy(p -> assertThat(p).startsWith("wechat.qrcode.redis.key-prefix"))
        .anySatisfy(p -> assertThat(p).startsWith("wechat.qrcode.redis.lock-ttl"))
        .anySatisfy(p -> assertThat(p).startsWith("wechat.qrcode.token.safety-margin"))
        .anySatisfy(p -> assertThat(p).startsWith("wechat.qrcode.reuse.min-remaining"))
        .anySatisfy(p -> assertThat(p).isEqualTo("wechat.qrcode.connect-timeout must be 1 ms .. PT10M, was PT11M"))
        .anySatisfy(p -> assertThat(p).startsWith("wechat.qrcode.mp-base"));
  }

  @Test
  void a_refresh_ahead_not_longer_than_the_safety_margin_is_reported_with_the_property_names() {
    WeChatQrCodeProperties properties = valid();
    properties.getToken().setSafetyMargin(Duration.ofMinutes(3));
    properties.getToken().setRefreshAhead(Duration.ofMinutes(3));

    assertThat(PropertiesCheck.problems(properties)).singleElement().satisfies(p -> assertThat(p)
        .startsWith("wechat.qrcode.token.refresh-ahead must be longer than wechat.qrcode.token.safety-margin, or no token")
        .endsWith(" (token.refresh-ahead=PT3M, token.safety-margin=PT3M)"));
  }

  @Test
  void each_token_duration_out_of_its_range_is_reported_under_its_property_name() {
    WeChatQrCodeProperties margin = valid();
    margin.getToken().setSafetyMargin(Duration.ofSeconds(-1));
    WeChatQrCodeProperties ahead = valid();
    ahead.getToken().setRefreshAhead(Duration.ofMinutes(61));
    WeChatQrCodeProperties delay = valid();
    delay.getToken().setRetryDelay(Duration.ZERO);
    WeChatQrCodeProperties backoff = valid();
    backoff.getToken().setFailureBackoff(Duration.ofHours(2));

    assertThat(PropertiesCheck.problems(margin)).containsExactly("wechat.qrcode.token.safety-margin must be PT0S .. PT4M, was PT-1S");
    assertThat(PropertiesCheck.problems(ahead)).containsExactly("wechat.qrcode.token.refresh-ahead must be PT0S .. PT1H, was PT1H1M");
    assertThat(PropertiesCheck.problems(delay)).containsExactly("wechat.qrcode.token.retry-delay must be PT0.001S .. PT10M, was PT0S");
    assertThat(PropertiesCheck.problems(backoff)).containsExactly("wechat.qrcode.token.failure-backoff must be PT0S .. PT1H, was PT2H");
  }

  @Test
  void an_unset_token_duration_is_reported_under_its_property_name() {
    WeChatQrCodeProperties properties = valid();
    properties.getToken().setRetryDelay(null);

    assertThat(PropertiesCheck.problems(properties)).containsExactly("wechat.qrcode.token.retry-delay must be set");
  }

  @Test
  void the_token_rules_are_exactly_the_token_policys_and_always_name_properties() {
    qt().withExamples(500).forAll(integers().between(-60, 5_000), integers().between(-60, 5_000),
        integers().between(-60, 1_000), integers().between(-60, 5_000)).checkAssert((margin, ahead, delay, backoff) -> {
          WeChatQrCodeProperties properties = valid();
          properties.getToken().setSafetyMargin(Duration.ofSeconds(margin));
          properties.getToken().setRefreshAhead(Duration.ofSeconds(ahead));
          properties.getToken().setRetryDelay(Duration.ofSeconds(delay));
          properties.getToken().setFailureBackoff(Duration.ofSeconds(backoff));
          boolean accepted;
          try {
            properties.getToken().toPolicy();
            accepted = true;
          } catch (IllegalArgumentException refused) {
            accepted = false;
          }

          List<String> problems = PropertiesCheck.problems(properties);

          if (accepted) {
            assertThat(problems).isEmpty();
          } else {
            assertThat(problems).singleElement().satisfies(p -> assertThat(p).startsWith("wechat.qrcode.token.")
                .doesNotContain("safetyMargin").doesNotContain("refreshAhead").doesNotContain("retryDelay")
                .doesNotContain("failureBackoff"));
          }
        });
  }

  @Test
  void a_policy_message_without_quoted_values_is_mapped_as_it_is() {
    assertThat(PropertiesCheck.underPropertyNames("failureBackoff must be set"))
        .isEqualTo("wechat.qrcode.token.failure-backoff must be set");
  }

  @Test
  void unset_enums_are_reported() {
    WeChatQrCodeProperties properties = valid();
    properties.setTokenMode(null);
    properties.setStore(null);
    properties.getCallback().setMode(null);
    properties.getReuse().setPolicy(null);

    assertThat(PropertiesCheck.problems(properties)).containsExactlyInAnyOrder("wechat.qrcode.token-mode must be set",
        "wechat.qrcode.store must be set", "wechat.qrcode.callback.mode must be set", "wechat.qrcode.reuse.policy must be set");
  }

  @Test
  void the_gateway_rules_are_the_feign_adapters_under_property_names() {
    WeChatQrCodeProperties properties = valid();
    properties.setApiBase(URI.create("http://127.0.0.1/path?query"));
    properties.setReadTimeout(Duration.ZERO);
    properties.getRetry().setMaxAttempts(0);
    properties.getRetry().setBudget(Duration.ofSeconds(-1));

    assertThat(PropertiesCheck.problems(properties)).containsExactlyInAnyOrder(
        "wechat.qrcode.api-base must not carry user info, a query or a fragment",
        "wechat.qrcode.read-timeout must be positive, was PT0S",
        "wechat.qrcode.retry.max-attempts must be in 1..10, was 0",
        "wechat.qrcode.retry.budget must be positive, was PT-1S");
  }

  @Test
  void the_callback_secrets_rules_are_the_events_adapters_under_property_names() {
    String key = "x".repeat(42);
    String adapters = catchIllegalArgument(() -> io.github.wechatqr.events.WeChatCallbackHandler.builder()
        .encodingAesKey(key, "wx1234567890abcdef"));

    assertThat(adapters).startsWith("encodingAesKey must be 43 characters");
    assertThat(PropertiesCheck.problems(withCallback("token123", key)))
        .containsExactly("wechat.qrcode.callback.encoding-aes-key" + adapters.substring("encodingAesKey".length()));
  }

  @Test
  void an_encrypted_callback_without_an_appid_is_reported_once_as_a_missing_appid() {
    WeChatQrCodeProperties properties = withCallback("token123", "a".repeat(43));
    properties.setAppId(null);

    assertThat(PropertiesCheck.problems(properties)).singleElement().asString()
        .startsWith("wechat.qrcode.app-id is required");
  }

  @Test
  void the_redis_key_prefix_rule_is_the_redis_adapters() {
    WeChatQrCodeProperties properties = valid();
    properties.getRedis().setKeyPrefix("shop\u200Bwechatqr"); // a format character: no whitespace, still refused

    assertThat(PropertiesCheck.problems(properties)).singleElement().asString()
        .startsWith("wechat.qrcode.redis.key-prefix must be 1..100 characters without whitespace, separators, control"
            + " or format characters");
  }

  @Test
  void an_owners_message_keeps_no_name_of_the_owner() {
    assertThat(PropertiesCheck.GATEWAY.apply("maxBackoff must be at least initialBackoff (PT0.2S), was PT0.1S"))
        .isEqualTo("wechat.qrcode.retry.max-backoff must be at least wechat.qrcode.retry.initial-backoff, was PT0.1S"
            + " (retry.initial-backoff=PT0.2S)");
    assertThat(PropertiesCheck.CALLBACK.apply("token must be 3..32 letters or digits, like the Token of the account"))
        .isEqualTo("wechat.qrcode.callback.token must be 3..32 letters or digits, like the Token of the account");
  }

  private static WeChatQrCodeProperties accounts(String... names) {
    WeChatQrCodeProperties properties = new WeChatQrCodeProperties();
    for (String name : names) {
      WeChatQrCodeProperties.Account account = new WeChatQrCodeProperties.Account();
      account.setAppId("wx1234567890abcdef");
      properties.getAccounts().put(name, account);
    }
    return properties;
  }

  @Test
  void accounts_with_an_appid_each_break_no_rule() {
    assertThat(PropertiesCheck.problems(accounts("shop-a", "shop-b"))).isEmpty();
  }

  @Test
  void an_accounts_name_is_plain() {
    assertThat(PropertiesCheck.problems(accounts("Shop A"))).singleElement().asString()
        .isEqualTo("wechat.qrcode.accounts: the account name must be 1..64 of a-z, 0-9, - and _, starting with a"
            + " letter or digit, was 'Shop A'");
  }

  @Test
  void an_accounts_callback_rules_name_its_own_properties() {
    WeChatQrCodeProperties properties = accounts("shop-a");
    properties.getAccounts().get("shop-a").getCallback().setToken("no");
    properties.getAccounts().get("shop-a").getCallback().setEncodingAesKey("short");

    assertThat(PropertiesCheck.problems(properties)).hasSize(2)
        .anySatisfy(p -> assertThat(p).startsWith("wechat.qrcode.accounts.shop-a.callback.token must be 3..32"))
        .anySatisfy(p -> assertThat(p).startsWith("wechat.qrcode.accounts.shop-a.callback.encoding-aes-key must be 43"))
        .allSatisfy(p -> assertThat(p).doesNotContain("short"));
  }

  @Test
  void an_accounts_mode_is_its_own_or_the_shared_one() {
    WeChatQrCodeProperties properties = accounts("shop-a", "shop-b");
    properties.getAccounts().get("shop-a").getCallback().setToken("token123"); // safe, the shared default: needs a key
    properties.getAccounts().get("shop-b").getCallback().setToken("token123");
    properties.getAccounts().get("shop-b").getCallback().setMode(Mode.PLAIN);

    assertThat(PropertiesCheck.problems(properties)).singleElement().asString()
        .startsWith("wechat.qrcode.accounts.shop-a.callback.encoding-aes-key is required in safe mode (or set"
            + " wechat.qrcode.accounts.shop-a.callback.mode=plain");
  }

  @Test
  void an_accounts_appid_is_checked_by_the_gateways_rule_and_a_shared_problem_is_reported_once() {
    WeChatQrCodeProperties properties = accounts("shop-a", "shop-b");
    properties.getAccounts().get("shop-b").setAppId("wx 1");
    properties.setTokenMode(null);

    assertThat(PropertiesCheck.problems(properties)).containsExactly(
        "wechat.qrcode.accounts.shop-b.app-id must be printable ASCII without spaces",
        "wechat.qrcode.token-mode must be set");
  }

  private static String catchIllegalArgument(Runnable rule) {
    try {
      rule.run();
    } catch (IllegalArgumentException refused) {
      return refused.getMessage();
    }
    throw new AssertionError("not refused");
  }
}
