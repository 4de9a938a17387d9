package io.github.wechatqr.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.testkit.MutableClock;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CacheMetricsTest {
  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final CacheRuntime runtime = CacheRuntime.sameThread(clock);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private double gets(String cache, String result) {
    return registry.get("cache.gets").tags("cache", cache, "result", result).functionCounter().count();
  }

  @Test
  void the_code_store_reports_hits_misses_size_and_its_request_index() {
    CaffeineQrCodeStore store = new CaffeineQrCodeStore(runtime, 10);
    CacheMetrics.of(store, Tag.of("account", "wx1")).bindTo(registry);
    QrCode code = new QrCode(QrCodeRequest.permanent(SceneValue.of(1)), new Ticket("gQ=="), "http://weixin.qq.com/q/a",
        clock.instant(), null);
    store.save(code);
    store.findByTicket(code.ticket());
    store.findByTicket(new Ticket("nope"));
    assertThat(gets("wechatqr.codes", "hit")).isEqualTo(1);
    assertThat(gets("wechatqr.codes", "miss")).isEqualTo(1);
    assertThat(registry.get("cache.size").tags("cache", "wechatqr.codes", "account", "wx1").gauge().value())
        .isEqualTo(1);
    assertThat(registry.get("wechatqr.codes.request.index").tag("account", "wx1").gauge().value()).isEqualTo(1);
  }

  @Test
  void the_token_store_reports_its_fetches_as_loads() {
    CaffeineAccessTokenStore tokens = (CaffeineAccessTokenStore) CaffeineAccessTokenStore
        .factory(runtime, TokenPolicy.defaults())
        .create(reason -> new AccessToken("t", clock.instant().plus(Duration.ofHours(2))));
    CacheMetrics.of(tokens).bindTo(registry);
    tokens.get();
    tokens.get();
    assertThat(gets("wechatqr.access-token", "hit")).isEqualTo(1);
    assertThat(gets("wechatqr.access-token", "miss")).isEqualTo(1);
    assertThat(registry.get("cache.load").tags("cache", "wechatqr.access-token", "result", "success")
        .functionCounter().count()).isEqualTo(1);
  }

  @Test
  void the_image_store_reports_evictions_by_weight() {
    CaffeineImageStore images = new CaffeineImageStore(runtime, 10);
    CacheMetrics.of(images).bindTo(registry);
    images.keep(new Ticket("gQ=="), new QrImage(new byte[11], "image/jpg", null), null);
    images.cleanUp();
    assertThat(registry.get("cache.evictions").tag("cache", "wechatqr.images").functionCounter().count())
        .isEqualTo(1);
    assertThat(registry.get("cache.eviction.weight").tag("cache", "wechatqr.images").functionCounter().count())
        .isGreaterThan(10);
  }
}
