package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.domain.session.ScanSession;
import io.github.wechatqr.domain.session.ScanSessionRefused;
import io.github.wechatqr.domain.session.ScanSessionStore;
import io.github.wechatqr.domain.session.ScanSessions;
import io.github.wechatqr.testkit.Callback;
import io.github.wechatqr.testkit.FakeWeChatExtension;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.Push;
import io.github.wechatqr.testkit.PushResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scan to log in end to end, in safe mode over HTTP: the fake pushes the scan of a session's code to the
 * callback receiver, the handler hands it to the sessions, the waiter learns who scanned, the session is
 * consumed once; scans of other codes still reach the host's listener.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScanSessionsCallbackTest {
  private static final String TOKEN = "CallbackToken1";
  private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

  @RegisterExtension
  final FakeWeChatExtension wechat = new FakeWeChatExtension();

  private final Recorder host = new Recorder();
  private FakeWeChatServer fake;
  private MutableClock clock;
  private QrCodeService qrcodes;
  private ScanSessions sessions;
  private CallbackServer server;

  @BeforeEach
  void wire() {
    fake = wechat.server();
    clock = wechat.clock();
    qrcodes = new QrCodeService(fake.gateway(), new InMemoryQrCodeStore(clock), clock);
    sessions = new ScanSessions(qrcodes, ScanSessionStore.inProcess(clock), clock);
    server = serve(WeChatCallbackHandler.builder().scanListener(host).scanSessions(sessions));
  }

  private CallbackServer serve(WeChatCallbackHandler.Builder builder) {
    WeChatCallbackHandler handler = builder.token(TOKEN).encodingAesKey(AES_KEY, fake.appId()).clock(clock)
        .resolver(qrcodes).build();
    CallbackServer started = CallbackServer.start(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "/wechat", handler, 2);
    fake.callback(Callback.safe(started.url(), TOKEN, AES_KEY));
    return started;
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void a_pushed_scan_of_a_sessions_code_completes_its_waiter_and_the_session_is_consumed_once() throws Exception {
    ScanSession login = sessions.open(Duration.ofMinutes(5));
    CompletableFuture<ScanSession> waiter = sessions.awaitAsync(login.id());

    PushResult pushed = fake.scan(login.code().ticket(), "openid-1");

    assertThat(pushed.status()).isEqualTo(200);
    ScanSession scanned = waiter.get(10, TimeUnit.SECONDS);
    assertThat(scanned.scan().openId()).isEqualTo("openid-1");
    assertThat(scanned.scan().kind()).isEqualTo(ScanEvent.Kind.SUBSCRIBE);
    assertThat(sessions.consume(login.id()).scan().openId()).isEqualTo("openid-1");
    assertThatThrownBy(() -> sessions.consume(login.id())).isInstanceOf(ScanSessionRefused.class)
        .extracting(e -> ((ScanSessionRefused) e).reason()).isEqualTo(ScanSessionRefused.Reason.ALREADY_CONSUMED);
    assertThat(host.scans).as("a session's scan is not the host's").isEmpty();
  }

  @Test
  void a_second_scan_and_a_scan_after_consumption_log_nobody_in_and_do_not_reach_the_host() {
    ScanSession login = sessions.open(Duration.ofMinutes(5));
    assertThat(fake.scan(login.code().ticket(), "openid-1").status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    assertThat(fake.scan(login.code().ticket(), "openid-2").status()).isEqualTo(200);
    sessions.consume(login.id());
    clock.advance(Duration.ofSeconds(1));
    assertThat(fake.scan(login.code().ticket(), "openid-3").status()).isEqualTo(200);

    assertThat(sessions.find(login.id()).orElseThrow().scan().openId()).isEqualTo("openid-1");
    assertThat(host.scans).isEmpty();
  }

  @Test
  void scans_of_other_codes_reach_the_hosts_listener_as_before() {
    QrCode shop = qrcodes.permanent(SceneValue.of(17));
    assertThat(fake.scan(shop.ticket(), "openid-1").status()).isEqualTo(200);
    assertThat(host.scans).singleElement().satisfies(scan -> assertThat(scan.scene()).isEqualTo(SceneValue.of(17)));
  }

  @Test
  void with_sessions_the_scan_listener_is_optional_and_other_scans_are_just_answered() {
    server.close();
    server = serve(WeChatCallbackHandler.builder().scanSessions(sessions));
    QrCode shop = qrcodes.permanent(SceneValue.of(17));
    assertThat(fake.scan(shop.ticket(), "openid-1").status()).isEqualTo(200);
    ScanSession login = sessions.open(Duration.ofMinutes(5));
    assertThat(fake.scan(login.code().ticket(), "openid-1").status()).isEqualTo(200);
    assertThat(sessions.find(login.id()).orElseThrow().state()).isEqualTo(ScanSession.State.SCANNED);
    assertThatThrownBy(() -> WeChatCallbackHandler.builder().token(TOKEN).clock(clock).resolver(qrcodes).build())
        .isInstanceOf(NullPointerException.class).hasMessageContaining("scanListener");
    assertThatThrownBy(() -> WeChatCallbackHandler.builder().scanSessions(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void a_session_store_out_of_reach_is_answered_500_so_wechat_delivers_the_scan_again() throws Exception {
    ScanSessionStore inner = ScanSessionStore.inProcess(clock);
    boolean[] down = {true};
    ScanSessionStore flaky = new ScanSessionStore() {
      @Override
      public void create(ScanSession session) {
        inner.create(session);
      }

      @Override
      public Optional<ScanSession> find(String id) {
        return inner.find(id);
      }

      @Override
      public Transition scan(String id, ScanSession.Scan scan) {
        if (down[0]) {
          throw new UpstreamUnavailable("Redis down");
        }
        return inner.scan(id, scan);
      }

      @Override
      public Transition consume(String id) {
        return inner.consume(id);
      }

      @Override
      public Subscription subscribe(String id, Consumer<ScanSession> listener) {
        return inner.subscribe(id, listener);
      }
    };
    ScanSessions overFlaky = new ScanSessions(qrcodes, flaky, clock);
    server.close();
    server = serve(WeChatCallbackHandler.builder().scanSessions(overFlaky));
    ScanSession login = overFlaky.open(Duration.ofMinutes(5));
    Push push = fake.push(login.code().ticket(), "openid-1");

    assertThat(fake.deliver(push).status()).isEqualTo(500);
    down[0] = false;
    assertThat(fake.deliver(push).status()).as("WeChat's redelivery").isEqualTo(200);
    assertThat(overFlaky.await(login.id(), Duration.ofSeconds(5)).scan().openId()).isEqualTo("openid-1");
  }
}
