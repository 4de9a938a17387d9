package io.github.wechatqr.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.port.QrImageStore;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.QrImages;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The whole path through the builder's defaults, against the testkit's fake WeChat over real HTTP. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WeChatQrCodesTest {
  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start();

  @BeforeAll
  static void warmUp() {
    QrImages.jpeg("http://weixin.qq.com/q/warm-up"); // ImageIO starts threads of its own on first use
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private WeChatQrCodesBuilder againstTheFake() {
    return WeChatQrCodes.builder().appId(fake.appId()).secret(fake.secret())
        .apiBase(fake.baseUri()).mpBase(fake.baseUri()).clock(clock);
  }

  @Test
  void a_code_is_issued_and_its_image_is_served_from_memory_the_second_time() {
    try (WeChatQrCodes wechat = againstTheFake().build()) {
      QrCodeService qrcodes = wechat.service();
      QrCode login = qrcodes.temporary(SceneValue.of("session-42"), Duration.ofMinutes(10));

      QrImage first = qrcodes.image(login);
      QrImage second = qrcodes.image(login);

      assertThat(second.bytes()).isEqualTo(first.bytes());
      assertThat(fake.journal().count(FakeWeChatServer.SHOW_QRCODE)).isEqualTo(1);
      assertThat(fake.journal().count(FakeWeChatServer.CREATE)).isEqualTo(1);
      assertThat(fake.journal().count(FakeWeChatServer.STABLE_TOKEN)).as("stable_token by default").isEqualTo(1);
      assertThat(fake.journal().count(FakeWeChatServer.TOKEN)).isZero();
    }
  }

  @Test
  void without_an_image_cache_every_image_is_downloaded() {
    try (WeChatQrCodes wechat = againstTheFake().imageCacheBytes(0).build()) {
      QrCode shop = wechat.service().permanent(SceneValue.of(17));
      wechat.service().image(shop);
      wechat.service().image(shop);

      assertThat(fake.journal().count(FakeWeChatServer.SHOW_QRCODE)).isEqualTo(2);
    }
  }

  @Test
  void an_image_store_of_ones_own_is_used_instead_of_the_cache() {
    try (WeChatQrCodes wechat = againstTheFake().images(QrImageStore.none()).build()) {
      QrCode shop = wechat.service().permanent(SceneValue.of(18));
      wechat.service().image(shop);
      wechat.service().image(shop);

      assertThat(fake.journal().count(FakeWeChatServer.SHOW_QRCODE)).isEqualTo(2);
      assertThat(wechat.toString()).doesNotContain("bytes");
    }
  }

  @Test
  void a_stored_code_is_reused_without_a_second_create() {
    try (WeChatQrCodes wechat = againstTheFake().build()) {
      QrCode first = wechat.service().temporary(SceneValue.of(5), Duration.ofHours(1));
      clock.advance(Duration.ofMinutes(20));
      QrCode again = wechat.service().temporary(SceneValue.of(5), Duration.ofHours(1));

      assertThat(again).isEqualTo(first);
      assertThat(fake.journal().count(FakeWeChatServer.CREATE)).isEqualTo(1);
    }
  }

  @Test
  void the_token_is_refreshed_ahead_of_its_expiry_by_default() {
    try (WeChatQrCodes wechat = againstTheFake().sameThread().build()) {
      wechat.service().permanent(SceneValue.of(1));
      assertThat(fake.journal().tokenFetches()).isEqualTo(1);

      // 4 minutes before the 2-hour token expires: still usable (1 min margin), inside the 5-min window
      clock.advance(Duration.ofSeconds(7200).minusMinutes(4));
      wechat.service().permanent(SceneValue.of(2));

      assertThat(fake.journal().tokenFetches()).as("one fetch ahead of expiry, off the caller's path").isEqualTo(2);
      clock.advance(Duration.ofMinutes(3));
      wechat.service().permanent(SceneValue.of(3));
      assertThat(fake.journal().tokenFetches()).as("the refreshed token serves on").isEqualTo(2);
    }
  }

  @Test
  void the_classic_token_mode_is_an_option() {
    try (WeChatQrCodes wechat = againstTheFake().tokenMode(io.github.wechatqr.feign.TokenMode.CLASSIC).build()) {
      wechat.service().permanent(SceneValue.of(1));

      assertThat(fake.journal().count(FakeWeChatServer.TOKEN)).isEqualTo(1);
      assertThat(fake.journal().count(FakeWeChatServer.STABLE_TOKEN)).isZero();
    }
  }

  @Test
  void close_ends_the_threads_build_started_and_refuses_further_calls() {
    try (WeChatQrCodes warm = againstTheFake().build()) {
      warm.service().image(warm.service().permanent(SceneValue.of(9))); // the fake's and the JDK's threads
    }
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    WeChatQrCodes wechat = againstTheFake().build();
    QrCode code = wechat.service().permanent(SceneValue.of(10));
    assertThat(started(before)).as("threads of the wiring").isNotEmpty();

    wechat.close();

    assertThat(started(before)).as("threads started by build() and still alive").isEmpty();
    assertThatThrownBy(() -> wechat.service().permanent(SceneValue.of(11))).isInstanceOf(UpstreamUnavailable.class);
    assertThat(code.ticket()).isNotNull();
    wechat.close(); // idempotent
  }

  @Test
  void the_image_url_needs_no_credentials_and_encodes_the_ticket_once() {
    Ticket ticket = new Ticket("gQH+8DoAAAAAAAAAASxo/dHRw==");

    assertThat(WeChatQrCodes.imageUrl(ticket))
        .isEqualTo("https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=gQH%2B8DoAAAAAAAAAASxo%2FdHRw%3D%3D");
    assertThat(WeChatQrCodes.imageUrl(fake.baseUri(), ticket))
        .isEqualTo(fake.baseUri().toString().replaceAll("/$", "")
            + "/cgi-bin/showqrcode?ticket=gQH%2B8DoAAAAAAAAAASxo%2FdHRw%3D%3D");
  }

  @Test
  void the_description_names_the_parts_and_never_the_secret() {
    try (WeChatQrCodes wechat = againstTheFake().build()) {
      assertThat(wechat.toString()).contains(fake.appId(), "CaffeineQrCodeStore", "33554432 bytes", "creationLock=local")
          .doesNotContain(fake.secret());
    }
  }

  private static List<Thread> started(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(thread -> !before.contains(thread))
        .filter(thread -> !thread.getName().startsWith("fake-wechat-")) // the fake's, started on demand
        .filter(thread -> !thread.getName().startsWith("ForkJoinPool.commonPool")) // Caffeine's, shared by the JVM
        .toList();
  }
}
