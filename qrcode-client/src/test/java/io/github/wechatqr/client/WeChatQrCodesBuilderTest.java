package io.github.wechatqr.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.port.QrImageStore;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each setter refuses a bad value at once, naming the option; build() refuses options that contradict. */
class WeChatQrCodesBuilderTest {
  private static final String SECRET = "s3cr3t with a space";

  @Test
  void each_bad_value_is_refused_by_its_setter_naming_the_option() {
    Map<String, Consumer<WeChatQrCodesBuilder>> bad = Map.of(
        "appId", b -> b.appId(" "),
        "secret", b -> b.secret(""),
        "connectTimeout", b -> b.connectTimeout(Duration.ZERO),
        "readTimeout", b -> b.readTimeout(Duration.ofMinutes(11)),
        "maxAttempts", b -> b.maxAttempts(0),
        "apiBase", b -> b.apiBase(URI.create("ftp://127.0.0.1")),
        "mpBase", b -> b.mpBase(URI.create("http://user:pw@127.0.0.1")),
        "imageCacheBytes", b -> b.imageCacheBytes(-1));
    bad.forEach((option, setter) -> assertThatThrownBy(() -> setter.accept(WeChatQrCodes.builder()))
        .as(option).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(option + " must "));
  }

  @Test
  void null_parts_are_refused_naming_the_option() {
    Map<String, Consumer<WeChatQrCodesBuilder>> nulls = Map.ofEntries(
        option("clock", b -> b.clock(null)),
        option("tokenPolicy", b -> b.tokenPolicy(null)),
        option("store", b -> b.store(null)),
        option("tokenStore", b -> b.tokenStore(null)),
        option("redis", b -> b.redis(null)),
        option("meterRegistry", b -> b.meterRegistry(null)),
        option("reusePolicy", b -> b.reusePolicy(null)),
        option("gateway", b -> b.gateway(null)),
        option("images", b -> b.images(null)),
        option("creationLock", b -> b.creationLock(null)),
        option("tokenMode", b -> b.tokenMode(null)));
    nulls.forEach((option, setter) -> assertThatThrownBy(() -> setter.accept(WeChatQrCodes.builder()))
        .as(option).isInstanceOf(NullPointerException.class).hasMessageStartingWith(option + " must not be null"));
  }

  @Test
  void a_refused_secret_is_never_quoted() {
    assertThatThrownBy(() -> WeChatQrCodes.builder().secret(SECRET))
        .hasMessage("secret must be printable ASCII without spaces").message().doesNotContain(SECRET);
  }

  @Test
  void appid_and_secret_are_required() {
    assertThatThrownBy(() -> WeChatQrCodes.builder().secret("s").build())
        .isInstanceOf(IllegalStateException.class).hasMessage("appId is required");
    assertThatThrownBy(() -> WeChatQrCodes.builder().appId("wx1").build())
        .isInstanceOf(IllegalStateException.class).hasMessage("secret is required");
  }

  @Test
  void a_token_store_brings_its_own_policy() {
    assertThatThrownBy(() -> valid().tokenStore(fetcher -> null).tokenPolicy(TokenPolicy.defaults()).build())
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("tokenStore and tokenPolicy are both given");
  }

  @Test
  void an_image_store_brings_its_own_bound() {
    assertThatThrownBy(() -> valid().images(QrImageStore.none()).imageCacheBytes(1 << 20).build())
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("images and imageCacheBytes are both given");
  }

  @Test
  void a_gateway_of_ones_own_refuses_the_feign_gateways_options_by_name() {
    InMemoryQrCodeGateway gateway = new InMemoryQrCodeGateway(MutableClock.at("2026-01-01T00:00:00Z"));

    assertThatThrownBy(() -> WeChatQrCodes.builder().gateway(gateway).secret("s").readTimeout(Duration.ofSeconds(1))
        .build()).isInstanceOf(IllegalStateException.class)
        .hasMessage("gateway is given, so the Feign gateway is not built: leave out secret, readTimeout");
  }

  @Test
  void a_gateway_of_ones_own_needs_no_credentials() {
    MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    try (WeChatQrCodes wechat = WeChatQrCodes.builder().gateway(new InMemoryQrCodeGateway(clock)).clock(clock).build()) {
      assertThat(wechat.service().permanent(io.github.wechatqr.domain.SceneValue.of(7)).ticket()).isNotNull();
    }
  }

  private static Map.Entry<String, Consumer<WeChatQrCodesBuilder>> option(String name,
      Consumer<WeChatQrCodesBuilder> setter) {
    return Map.entry(name, setter);
  }

  private static WeChatQrCodesBuilder valid() {
    return WeChatQrCodes.builder().appId("wx1234567890abcdef").secret("secret");
  }
}
