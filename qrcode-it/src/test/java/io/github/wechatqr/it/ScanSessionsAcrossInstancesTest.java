package io.github.wechatqr.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.domain.session.ScanSession;
import io.github.wechatqr.domain.session.ScanSessionRefused;
import io.github.wechatqr.domain.session.ScanSessions;
import io.github.wechatqr.events.CallbackServer;
import io.github.wechatqr.events.WeChatCallbackHandler;
import io.github.wechatqr.redis.RedisScanSessionStore;
import io.github.wechatqr.redis.RedisStoreSettings;
import io.github.wechatqr.redis.RedisStores;
import io.github.wechatqr.testkit.Callback;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.Push;
import io.github.wechatqr.testkit.SecretLedger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scan to log in behind a load balancer: two instances, each with its own Redis connections, callback
 * receiver and handler, over one fake in safe mode. The browser waits on one instance, WeChat pushes the scan
 * to the other, and retries that reach the other instance are recognised there.
 */
@ExtendWith(SharedRedis.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScanSessionsAcrossInstancesTest {
  private final MutableClock clock = MutableClock.at("2026-07-01T00:00:00Z");
  private final FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start();
  private Instance a;
  private Instance b;

  /** One instance of the host application. */
  private final class Instance implements AutoCloseable {
    final ScanRecorder host = new ScanRecorder();
    final RedisStores redis = RedisStores.connect(SharedRedis.uri(),
        RedisStoreSettings.defaults().withKeyPrefix("it-sessions"));
    final RedisScanSessionStore store = redis.scanSessionStore(fake.appId(), clock);
    final QrCodeService qrcodes = new QrCodeService(fake.gateway(), redis.qrCodeStore(fake.appId(), clock), clock);
    final ScanSessions sessions = new ScanSessions(qrcodes, store, clock);
    final CallbackServer server = CallbackServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        "/wechat", WeChatCallbackHandler.builder().token(SecretLedger.CALLBACK_TOKEN)
            .encodingAesKey(SecretLedger.ENCODING_AES_KEY, fake.appId()).clock(clock).resolver(qrcodes)
            .scanListener(host).scanSessions(sessions).sharedDedup(redis.pushLedger(fake.appId())).build(), 2);

    /** WeChat delivering to this instance, as the load balancer chose. */
    int receive(Push push) {
      fake.callback(Callback.safe(server.url(), SecretLedger.CALLBACK_TOKEN, SecretLedger.ENCODING_AES_KEY));
      return fake.deliver(push).status();
    }

    @Override
    public void close() {
      server.close();
      store.close();
      redis.close();
    }
  }

  @BeforeEach
  void start() {
    a = new Instance();
    b = new Instance();
    fake.callback(Callback.safe(a.server.url(), SecretLedger.CALLBACK_TOKEN, SecretLedger.ENCODING_AES_KEY));
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
    fake.close();
  }

  @Test
  void a_scan_pushed_to_one_instance_completes_the_browser_waiting_on_the_other_once() throws Exception {
    ScanSession login = b.sessions.open(Duration.ofMinutes(5));
    CompletableFuture<ScanSession> browser = b.sessions.awaitAsync(login.id());

    Push scan = fake.push(login.code().ticket(), "openid-1");
    assertThat(a.receive(scan)).isEqualTo(200);

    assertThat(browser.get(10, TimeUnit.SECONDS).scan().openId()).isEqualTo("openid-1");
    assertThat(a.sessions.consume(login.id()).scan().openId()).isEqualTo("openid-1");
    assertThatThrownBy(() -> b.sessions.consume(login.id())).isInstanceOf(ScanSessionRefused.class)
        .extracting(e -> ((ScanSessionRefused) e).reason()).isEqualTo(ScanSessionRefused.Reason.ALREADY_CONSUMED);
    assertThat(b.receive(scan)).as("WeChat's retry, on the other instance").isEqualTo(200);
    assertThat(a.host.of("openid-1")).isEmpty();
    assertThat(b.host.of("openid-1")).isEmpty();
  }

  @Test
  void a_retry_of_a_hosts_scan_that_reaches_the_other_instance_is_not_delivered_twice() {
    QrCode shop = a.qrcodes.permanent(SceneValue.of(17));
    Push scan = fake.push(shop.ticket(), "openid-2");

    assertThat(a.receive(scan)).isEqualTo(200);
    assertThat(b.receive(scan)).isEqualTo(200);

    assertThat(a.host.of("openid-2")).hasSize(1);
    assertThat(b.host.of("openid-2")).isEmpty();
  }
}
