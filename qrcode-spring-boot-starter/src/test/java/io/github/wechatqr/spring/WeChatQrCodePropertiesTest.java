package io.github.wechatqr.spring;

import static io.github.wechatqr.spring.StarterContexts.AES_KEY;
import static io.github.wechatqr.spring.StarterContexts.APP_ID;
import static io.github.wechatqr.spring.StarterContexts.CALLBACK_TOKEN;
import static io.github.wechatqr.spring.StarterContexts.SECRET;
import static io.github.wechatqr.spring.StarterContexts.configured;
import static io.github.wechatqr.spring.StarterContexts.failure;
import static io.github.wechatqr.spring.StarterContexts.runner;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.feign.TokenMode;
import io.github.wechatqr.spring.WeChatQrCodeProperties.CallbackSettings.Mode;
import io.github.wechatqr.spring.WeChatQrCodeProperties.StoreType;
import java.net.URI;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;

/** Binding of {@code wechat.qrcode.*} and the start-up checks: clear messages, no secret in any of them. */
@ExtendWith(OutputCaptureExtension.class)
class WeChatQrCodePropertiesTest {
  /** A variable that no environment sets. */
  private static final String UNSET = "WECHATQR_TEST_UNSET_VARIABLE";

  @Test
  void every_property_binds_from_its_kebab_case_name() {
    configured().withPropertyValues("wechat.qrcode.token-mode=classic", "wechat.qrcode.api-base=http://127.0.0.1:8089",
        "wechat.qrcode.mp-base=http://127.0.0.1:8090", "wechat.qrcode.connect-timeout=2s",
        "wechat.qrcode.read-timeout=4s", "wechat.qrcode.store=caffeine", "wechat.qrcode.retry.max-attempts=5",
        "wechat.qrcode.retry.initial-backoff=100ms", "wechat.qrcode.retry.max-backoff=1s", "wechat.qrcode.retry.budget=3s",
        "wechat.qrcode.reuse.policy=at-least", "wechat.qrcode.reuse.min-remaining=2m",
        "wechat.qrcode.token.safety-margin=2m", "wechat.qrcode.token.refresh-ahead=6m", "wechat.qrcode.token.retry-delay=10s",
        "wechat.qrcode.token.failure-backoff=2m",
        "wechat.qrcode.callback.path=/wx", "wechat.qrcode.callback.token=" + CALLBACK_TOKEN,
        "wechat.qrcode.callback.encoding-aes-key=" + AES_KEY, "wechat.qrcode.callback.mode=compatible",
        "wechat.qrcode.callback.max-skew=2m", "wechat.qrcode.callback.max-body-size=16KB",
        "wechat.qrcode.callback.dedup-window=10m", "wechat.qrcode.callback.dedup-capacity=500",
        "wechat.qrcode.cache.max-codes=1000", "wechat.qrcode.cache.max-image-size=1MB",
        "wechat.qrcode.redis.uri=redis://127.0.0.1:6379", "wechat.qrcode.redis.key-prefix=shop:wx",
        "wechat.qrcode.redis.command-timeout=1s", "wechat.qrcode.redis.lock-ttl=5s", "wechat.qrcode.redis.lock-wait=8s")
        .run(context -> {
          WeChatQrCodeProperties p = context.getBean(WeChatQrCodeProperties.class);
          assertThat(p.getAppId()).isEqualTo(APP_ID);
          assertThat(p.getSecret()).isEqualTo(SECRET);
          assertThat(p.getTokenMode()).isEqualTo(TokenMode.CLASSIC);
          assertThat(p.getApiBase()).isEqualTo(URI.create("http://127.0.0.1:8089"));
          assertThat(p.getMpBase()).isEqualTo(URI.create("http://127.0.0.1:8090"));
          assertThat(p.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
          assertThat(p.getReadTimeout()).isEqualTo(Duration.ofSeconds(4));
          assertThat(p.getStore()).isEqualTo(StoreType.CAFFEINE);
          assertThat(p.getRetry().getMaxAttempts()).isEqualTo(5);
          assertThat(p.getRetry().getInitialBackoff()).isEqualTo(Duration.ofMillis(100));
          assertThat(p.getRetry().getMaxBackoff()).isEqualTo(Duration.ofSeconds(1));
          assertThat(p.getRetry().getBudget()).isEqualTo(Duration.ofSeconds(3));
          assertThat(p.getReuse().getPolicy()).isEqualTo(WeChatQrCodeProperties.ReuseSettings.Policy.AT_LEAST);
          assertThat(p.getReuse().getMinRemaining()).isEqualTo(Duration.ofMinutes(2));
          assertThat(p.getToken().getSafetyMargin()).isEqualTo(Duration.ofMinutes(2));
          assertThat(p.getToken().getRefreshAhead()).isEqualTo(Duration.ofMinutes(6));
          assertThat(p.getToken().getRetryDelay()).isEqualTo(Duration.ofSeconds(10));
          assertThat(p.getToken().getFailureBackoff()).isEqualTo(Duration.ofMinutes(2));
          assertThat(p.getCallback().getPath()).isEqualTo("/wx");
          assertThat(p.getCallback().getToken()).isEqualTo(CALLBACK_TOKEN);
          assertThat(p.getCallback().getEncodingAesKey()).isEqualTo(AES_KEY);
          assertThat(p.getCallback().getMode()).isEqualTo(Mode.COMPATIBLE);
          assertThat(p.getCallback().getMaxSkew()).isEqualTo(Duration.ofMinutes(2));
          assertThat(p.getCallback().getMaxBodySize()).isEqualTo(DataSize.ofKilobytes(16));
          assertThat(p.getCallback().getDedupWindow()).isEqualTo(Duration.ofMinutes(10));
          assertThat(p.getCallback().getDedupCapacity()).isEqualTo(500);
          assertThat(p.getCache().getMaxCodes()).isEqualTo(1000);
          assertThat(p.getCache().getMaxImageSize()).isEqualTo(DataSize.ofMegabytes(1));
          assertThat(p.getRedis().getUri()).isEqualTo("redis://127.0.0.1:6379");
          assertThat(p.getRedis().getKeyPrefix()).isEqualTo("shop:wx");
          assertThat(p.getRedis().getCommandTimeout()).isEqualTo(Duration.ofSeconds(1));
          assertThat(p.getRedis().getLockTtl()).isEqualTo(Duration.ofSeconds(5));
          assertThat(p.getRedis().getLockWait()).isEqualTo(Duration.ofSeconds(8));
        });
  }

  @Test
  void the_defaults_are_the_gateways_stable_token_and_the_token_policys_durations() {
    WeChatQrCodeProperties properties = new WeChatQrCodeProperties();

    assertThat(properties.getTokenMode()).isEqualTo(TokenMode.STABLE);
    assertThat(properties.getToken().toPolicy()).isEqualTo(TokenPolicy.defaults());
  }

  @Test
  void a_refresh_ahead_not_longer_than_the_safety_margin_stops_the_start_naming_both_properties() {
    configured().withPropertyValues("wechat.qrcode.token.safety-margin=3m", "wechat.qrcode.token.refresh-ahead=3m")
        .run(context -> assertThat(failure(context))
            .contains("wechat.qrcode.token.refresh-ahead must be longer than wechat.qrcode.token.safety-margin")
            .contains("token.refresh-ahead=PT3M, token.safety-margin=PT3M")
            .doesNotContain("refreshAhead").doesNotContain(SECRET));
  }

  @Test
  void a_token_duration_out_of_range_stops_the_start_naming_the_property() {
    configured().withPropertyValues("wechat.qrcode.token.failure-backoff=2h").run(context ->
        assertThat(failure(context)).contains("wechat.qrcode.token.failure-backoff must be PT0S .. PT1H, was PT2H"));
  }

  @Test
  void a_missing_appid_stops_the_start_naming_the_property() {
    runner().withPropertyValues("wechat.qrcode.secret=" + SECRET).run(context ->
        assertThat(failure(context)).contains("wechat.qrcode.app-id is required").doesNotContain(SECRET));
  }

  @Test
  void a_blank_appid_stops_the_start() {
    runner().withPropertyValues("wechat.qrcode.app-id=   ", "wechat.qrcode.secret=" + SECRET).run(context ->
        assertThat(failure(context)).contains("wechat.qrcode.app-id must be set and non-blank"));
  }

  @Test
  void a_blank_secret_stops_the_start() {
    runner().withPropertyValues("wechat.qrcode.app-id=" + APP_ID, "wechat.qrcode.secret= ").run(context ->
        assertThat(failure(context)).contains("wechat.qrcode.secret must be set and non-blank"));
  }

  /** Each secret, empty, blank or a placeholder that nothing resolves, with the start of the refusal naming it. */
  static Stream<Arguments> unusableSecrets() {
    String unresolved = "holds a ${...} placeholder that nothing resolves";
    return Stream.of(
        Arguments.of("secret", "", "wechat.qrcode.secret must be set and non-blank"),
        Arguments.of("secret", "   ", "wechat.qrcode.secret must be set and non-blank"),
        Arguments.of("secret", "${" + UNSET + "}", "wechat.qrcode.secret " + unresolved),
        Arguments.of("callback.token", "", "wechat.qrcode.callback.token must be 3..32 letters or digits"),
        Arguments.of("callback.token", "   ", "wechat.qrcode.callback.token must be 3..32 letters or digits"),
        Arguments.of("callback.token", "${" + UNSET + "}", "wechat.qrcode.callback.token " + unresolved),
        Arguments.of("callback.encoding-aes-key", "", "wechat.qrcode.callback.encoding-aes-key must be 43 characters"),
        Arguments.of("callback.encoding-aes-key", "   ", "wechat.qrcode.callback.encoding-aes-key must be 43 characters"),
        Arguments.of("callback.encoding-aes-key", "${" + UNSET + "}",
            "wechat.qrcode.callback.encoding-aes-key " + unresolved),
        Arguments.of("callback.encoding-aes-key", "${" + UNSET + ":}",
            "wechat.qrcode.callback.encoding-aes-key must be 43 characters"));
  }

  @ParameterizedTest(name = "{0}=\"{1}\"")
  @MethodSource("unusableSecrets")
  void an_empty_blank_or_unresolved_secret_stops_the_start_naming_the_property_never_the_value(String property,
      String value, String refusal) {
    callback("wechat.qrcode." + property + "=" + value).run(context -> {
      assertThat(context).hasFailed();
      assertThat(failure(context)).contains(refusal).doesNotContain(UNSET);
      for (String secret : new String[] {SECRET, CALLBACK_TOKEN, AES_KEY}) {
        assertThat(failure(context)).doesNotContain(secret);
      }
    });
  }

  @Test
  void a_placeholder_that_resolves_is_the_secret_it_names() {
    callback("wechat.qrcode.callback.encoding-aes-key=${test.aes-key}", "test.aes-key=" + AES_KEY,
        "wechat.qrcode.secret=${test.secret:}", "test.secret=" + SECRET).run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(WeChatQrCodeProperties.class).getCallback().getEncodingAesKey()).isEqualTo(AES_KEY);
          assertThat(context.getBean(WeChatQrCodeProperties.class).getSecret()).isEqualTo(SECRET);
        });
  }

  @Test
  void an_unresolved_redis_uri_stops_the_start_when_the_store_is_redis_only() {
    configured().withPropertyValues("wechat.qrcode.redis.uri=${" + UNSET + "}").run(context ->
        assertThat(context).hasNotFailed());
    configured().withPropertyValues("wechat.qrcode.store=redis", "wechat.qrcode.redis.uri=${" + UNSET + "}")
        .run(context -> assertThat(failure(context))
            .contains("wechat.qrcode.redis.uri holds a ${...} placeholder that nothing resolves").doesNotContain(UNSET));
  }

  @Test
  void a_secret_with_spaces_is_refused_without_being_quoted() {
    String secret = "half a secret";
    runner().withPropertyValues("wechat.qrcode.app-id=" + APP_ID, "wechat.qrcode.secret=" + secret).run(context ->
        assertThat(failure(context)).contains("wechat.qrcode.secret must be printable ASCII without spaces")
            .doesNotContain(secret));
  }

  @Test
  void an_encoding_aes_key_of_the_wrong_length_is_refused_without_being_quoted() {
    String shortKey = AES_KEY.substring(1);
    callback("wechat.qrcode.callback.encoding-aes-key=" + shortKey).run(context ->
        assertThat(failure(context)).contains("wechat.qrcode.callback.encoding-aes-key must be 43 characters of base64")
            .contains("it has 42 characters").doesNotContain(shortKey).doesNotContain(CALLBACK_TOKEN));
  }

  @Test
  void an_encoding_aes_key_with_characters_outside_base64_is_refused_without_being_quoted() {
    String badKey = AES_KEY.substring(0, 42) + "!";
    callback("wechat.qrcode.callback.encoding-aes-key=" + badKey).run(context ->
        assertThat(failure(context)).contains("it holds other characters").doesNotContain(badKey));
  }

  @Test
  void safe_mode_without_an_encoding_aes_key_is_refused() {
    callback().run(context ->
        assertThat(failure(context)).contains("wechat.qrcode.callback.encoding-aes-key is required in safe mode"));
  }

  @Test
  void plain_mode_with_an_encoding_aes_key_is_refused_as_a_contradiction() {
    callback("wechat.qrcode.callback.mode=plain", "wechat.qrcode.callback.encoding-aes-key=" + AES_KEY).run(context ->
        assertThat(failure(context)).contains("wechat.qrcode.callback.mode is plain").doesNotContain(AES_KEY));
  }

  @Test
  void an_encoding_aes_key_without_a_callback_token_is_refused() {
    configured().withPropertyValues("wechat.qrcode.callback.encoding-aes-key=" + AES_KEY).run(context ->
        assertThat(failure(context)).contains("wechat.qrcode.callback.token is not"));
  }

  @Test
  void a_callback_token_outside_wechats_rules_is_refused_without_being_quoted() {
    String token = "to-ken";
    configured().withPropertyValues("wechat.qrcode.callback.token=" + token, "wechat.qrcode.callback.mode=plain")
        .run(context -> assertThat(failure(context))
            .contains("wechat.qrcode.callback.token must be 3..32 letters or digits").doesNotContain(token));
  }

  @Test
  void every_broken_rule_is_reported_at_once() {
    runner().withPropertyValues("wechat.qrcode.retry.max-attempts=11", "wechat.qrcode.read-timeout=0s",
        "wechat.qrcode.retry.initial-backoff=2s", "wechat.qrcode.retry.max-backoff=1s").run(context ->
        assertThat(failure(context)).contains("wechat.qrcode.app-id is required")
            .contains("wechat.qrcode.retry.max-attempts must be in 1..10")
            .contains("wechat.qrcode.read-timeout must be positive")
            .contains("wechat.qrcode.retry.max-backoff must be at least wechat.qrcode.retry.initial-backoff, was PT1S"
                + " (retry.initial-backoff=PT2S)"));
  }

  @Test
  void a_base_with_user_info_is_refused_without_quoting_it() {
    configured().withPropertyValues("wechat.qrcode.api-base=http://user:pa55word@127.0.0.1:8089").run(context ->
        assertThat(failure(context)).contains("wechat.qrcode.api-base must not carry user info")
            .doesNotContain("pa55word"));
  }

  @Test
  void an_unknown_store_is_refused_by_name() {
    configured().withPropertyValues("wechat.qrcode.store=memcached").run(context ->
        assertThat(failure(context)).contains("wechat.qrcode.store"));
  }

  @Test
  void to_string_names_the_account_and_never_the_secret() {
    WeChatQrCodeProperties properties = new WeChatQrCodeProperties();
    properties.setAppId(APP_ID);
    properties.setSecret(SECRET);
    properties.getCallback().setToken(CALLBACK_TOKEN);
    properties.getCallback().setEncodingAesKey(AES_KEY);
    properties.getRedis().setUri("redis://:pa55word@127.0.0.1:6379");

    assertThat(properties.toString()).contains(APP_ID).contains("<redacted>").doesNotContain(SECRET)
        .doesNotContain(CALLBACK_TOKEN).doesNotContain(AES_KEY).doesNotContain("pa55word");
  }

  @Test
  void a_failed_start_prints_the_reasons_and_no_secret(CapturedOutput output) {
    SpringApplication app = new SpringApplication(Minimal.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    String badKey = AES_KEY.substring(3);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> app.run("--wechat.qrcode.app-id=" + APP_ID,
        "--wechat.qrcode.secret=" + SECRET, "--wechat.qrcode.callback.token=" + CALLBACK_TOKEN,
        "--wechat.qrcode.callback.encoding-aes-key=" + badKey, "--spring.main.banner-mode=off"));

    assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
        .contains("wechat.qrcode.callback.encoding-aes-key must be 43 characters of base64")
        .doesNotContain(SECRET).doesNotContain(CALLBACK_TOKEN).doesNotContain(badKey);
  }

  private static org.springframework.boot.test.context.runner.ApplicationContextRunner callback(String... more) {
    return configured().withPropertyValues("wechat.qrcode.callback.token=" + CALLBACK_TOKEN).withPropertyValues(more);
  }

  @SpringBootConfiguration
  @ImportAutoConfiguration(WeChatQrCodeAutoConfiguration.class)
  static class Minimal {}
}
