package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.testkit.Callback;
import io.github.wechatqr.testkit.FakeWeChatExtension;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.Push;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The host-application test recipe of qrcode-testkit/README.md ("Sharing one clock"), as written there:
 * the fake, the service and the callback handler on the extension's one {@link MutableClock}, a scan handed
 * to the handler without HTTP.
 */
class HostTestRecipeTest {
  private static final String TOKEN = "CallbackToken1";

  @RegisterExtension
  final FakeWeChatExtension wechat = new FakeWeChatExtension();

  private final List<ResolvedScan> scans = new ArrayList<>();

  private FakeWeChatServer fake;
  private MutableClock clock;
  private QrCodeService service;

  @BeforeEach
  void wire() {
    fake = wechat.server();
    clock = wechat.clock();
    service = new QrCodeService(fake.gateway(), new InMemoryQrCodeStore(clock), clock);
    fake.callback(Callback.plain(URI.create("http://127.0.0.1/wechat"), TOKEN));
  }

  private WeChatCallbackHandler handler(Clock handlersClock) {
    return WeChatCallbackHandler.builder().token(TOKEN).clock(handlersClock).resolver(service)
        .scanListener(scans::add).build();
  }

  @Test
  void a_scan_reaches_the_listener_when_the_fake_the_service_and_the_handler_share_one_clock() {
    WeChatCallbackHandler handler = handler(clock);
    QrCode code = service.temporary(SceneValue.of("login-42"), Duration.ofMinutes(5));
    clock.advance(Duration.ofMinutes(2)); // time moves for all three at once
    Push push = fake.push(code.ticket(), "openid-1", false);
    CallbackResponse answer = handler.handle("POST", push.query(), push.bodyBytes());

    assertThat(answer.isSuccess()).isTrue();
    assertThat(scans).singleElement().satisfies(scan -> {
      assertThat(scan.scene()).isEqualTo(SceneValue.of("login-42"));
      assertThat(scan.event().kind()).isEqualTo(ScanEvent.Kind.SUBSCRIBE);
      assertThat(scan.event().openId()).isEqualTo("openid-1");
      assertThat(scan.issuedCode()).contains(code);
    });
    assertThat(fake.journal().entries()).as("no HTTP call at all").isEmpty();
  }

  @Test
  void a_handler_on_the_system_clock_refuses_every_push_of_a_fake_on_a_mutable_clock_as_stale() {
    WeChatCallbackHandler handler = handler(Clock.systemUTC());
    QrCode code = service.temporary(SceneValue.of("login-42"), Duration.ofMinutes(5));
    Push push = fake.push(code.ticket(), "openid-1", false);

    assertThat(handler.handle("POST", push.query(), push.bodyBytes()).isSuccess()).isFalse();
    assertThat(scans).isEmpty();
  }

  @Test
  void the_same_scan_again_is_recognised_as_wechats_retry_and_a_later_scan_is_a_scan() {
    WeChatCallbackHandler handler = handler(clock);
    QrCode code = service.permanent(SceneValue.of(7));

    Push first = fake.push(code.ticket(), "openid-1", false);
    assertThat(handler.handle("POST", first.query(), first.bodyBytes()).isSuccess()).isTrue();
    assertThat(handler.handle("POST", first.query(), first.bodyBytes()).isSuccess()).isTrue();
    clock.advance(Duration.ofDays(1));
    Push later = fake.push(code.ticket(), "openid-1");
    assertThat(handler.handle("POST", later.query(), later.bodyBytes()).isSuccess()).isTrue();

    assertThat(scans).extracting(scan -> scan.event().kind())
        .containsExactly(ScanEvent.Kind.SUBSCRIBE, ScanEvent.Kind.SCAN);
  }
}
