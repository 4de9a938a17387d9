package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.testkit.Callback;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.Push;
import io.github.wechatqr.testkit.PushCrypto;
import io.github.wechatqr.testkit.PushResult;
import io.github.wechatqr.testkit.NewThreads;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Round trips over real HTTP: codes issued on the testkit's {@link FakeWeChatServer} through
 * {@link QrCodeService}, scans pushed by the fake (plain, compatible, safe) to the handler served by
 * {@link JdkHttpCallback}, resolved back to the issued code.
 */
class JdkHttpCallbackTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start();
  private final QrCodeService qrcodes =
      new QrCodeService(fake.gateway(), new InMemoryQrCodeStore(clock), clock);
  private final Recorder recorder = new Recorder();
  private CallbackServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    fake.close();
  }

  /** Serves a handler for the mode and points the fake's pushes at it. */
  private void serve(Callback.Mode mode, ScanListener listener) {
    WeChatCallbackHandler.Builder builder = WeChatCallbackHandler.builder().token(SignedRequest.TOKEN)
        .clock(clock).resolver(qrcodes).scanListener(listener).fallbackListener(recorder);
    if (mode != Callback.Mode.PLAIN) {
      builder.encodingAesKey(SignedRequest.AES_KEY, fake.appId());
    }
    server = CallbackServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "/wechat",
        builder.build(), 4);
    fake.callback(new Callback(server.url(), SignedRequest.TOKEN, mode,
        mode == Callback.Mode.PLAIN ? null : SignedRequest.AES_KEY));
  }

  private void serve(Callback.Mode mode) {
    serve(mode, recorder);
  }

  /** Issues a temporary code for the scene id through the service and builds (does not send) a scan of it. */
  private Push pushOfNewCode(int scene, String openId) {
    QrCode code = qrcodes.temporary(SceneValue.of(scene), Duration.ofHours(1));
    return fake.push(code.ticket(), openId);
  }

  private static void assertSuccess(PushResult result) {
    assertThat(result.status()).isEqualTo(200);
    assertThat(result.body()).isEqualTo("success");
  }

  @ParameterizedTest
  @EnumSource(Callback.Mode.class)
  void the_first_scan_is_a_subscribe_and_the_second_a_scan_both_resolved_to_the_issued_code(Callback.Mode mode) {
    serve(mode);
    QrCode code = qrcodes.temporary(SceneValue.of(123), Duration.ofMinutes(10));

    assertSuccess(fake.scan(code.ticket(), "openid-1"));
    assertSuccess(fake.scan(code.ticket(), "openid-1"));

    assertThat(recorder.scans).hasSize(2);
    ResolvedScan subscribe = recorder.scans.get(0);
    assertThat(subscribe.event().kind()).isEqualTo(ScanEvent.Kind.SUBSCRIBE);
    assertThat(subscribe.event().sceneKey()).isEqualTo("123");
    assertThat(subscribe.event().openId()).isEqualTo("openid-1");
    assertThat(subscribe.event().ticket()).isEqualTo(code.ticket());
    assertThat(subscribe.event().createdAt()).isEqualTo(clock.instant());
    ResolvedScan scan = recorder.scans.get(1);
    assertThat(scan.event().kind()).isEqualTo(ScanEvent.Kind.SCAN);
    assertThat(recorder.scans).allSatisfy(s -> {
      assertThat(s.scene()).isEqualTo(SceneValue.of(123));
      assertThat(s.resolution()).isEqualTo(ResolvedScan.Resolution.ISSUED_CODE);
      assertThat(s.issuedCode()).contains(code);
    });
  }

  @ParameterizedTest
  @EnumSource(Callback.Mode.class)
  void a_string_scene_123_resolves_as_the_string_not_the_id(Callback.Mode mode) {
    serve(mode);
    QrCode id = qrcodes.temporary(SceneValue.of(123), Duration.ofMinutes(10));
    QrCode str = qrcodes.permanent(SceneValue.of("123"));

    assertSuccess(fake.scan(str.ticket(), "openid-s"));
    assertSuccess(fake.scan(id.ticket(), "openid-s"));

    assertThat(recorder.scans).extracting(ResolvedScan::scene)
        .containsExactly(SceneValue.of("123"), SceneValue.of(123));
    assertThat(recorder.scans.get(0).issuedCode()).contains(str);
    assertThat(recorder.scans).extracting(s -> s.event().kind())
        .containsExactly(ScanEvent.Kind.SUBSCRIBE, ScanEvent.Kind.SCAN);
  }

  @ParameterizedTest
  @EnumSource(Callback.Mode.class)
  void a_scene_containing_qrscene_keeps_it_after_the_subscribe_prefix_is_stripped(Callback.Mode mode) {
    serve(mode);
    QrCode code = qrcodes.temporary(SceneValue.of("qrscene_promo"), Duration.ofMinutes(10));

    assertSuccess(fake.scan(code.ticket(), "openid-q"));
    assertSuccess(fake.scan(code.ticket(), "openid-q"));

    assertThat(recorder.scans).extracting(s -> s.event().sceneKey()).containsExactly("qrscene_promo", "qrscene_promo");
    assertThat(recorder.scans).extracting(ResolvedScan::scene).containsOnly(SceneValue.of("qrscene_promo"));
  }

  @Test
  void a_push_delivered_twice_reaches_the_listener_once() {
    serve(Callback.Mode.SAFE);
    Push push = pushOfNewCode(5, "openid-d");

    assertSuccess(fake.deliver(push));
    assertSuccess(fake.deliver(push));

    assertThat(recorder.calls).hasValue(1);
  }

  @Test
  void a_failing_listener_gets_a_500_and_the_redelivery_is_handled_so_nothing_is_lost() {
    serve(Callback.Mode.SAFE);
    Push push = pushOfNewCode(6, "openid-f");
    recorder.failNext(1);

    PushResult failed = fake.deliver(push);
    assertThat(failed.status()).isEqualTo(500);
    assertThat(failed.body()).isEqualTo("the listener failed; WeChat will deliver the push again");
    assertSuccess(fake.deliver(push));

    assertThat(recorder.scans).hasSize(1);
  }

  @Test
  void a_duplicate_arriving_while_the_first_is_in_the_listener_is_told_to_retry_and_never_runs_twice()
      throws Exception {
    Gate gate = new Gate(recorder);
    serve(Callback.Mode.SAFE, gate);
    Push push = pushOfNewCode(8, "openid-c");

    CompletableFuture<PushResult> first = CompletableFuture.supplyAsync(() -> fake.deliver(push),
        NewThreads.named("jdk-http-callback-test"));
    assertThat(gate.awaitEntered()).isTrue();
    PushResult concurrent = fake.deliver(push);
    gate.open();

    assertThat(concurrent.status()).isEqualTo(503);
    assertSuccess(first.get(10, TimeUnit.SECONDS));
    assertSuccess(fake.deliver(push));
    assertThat(recorder.calls).hasValue(1);
  }

  @Test
  void a_5_mb_body_over_http_gets_a_413_on_its_declared_length_and_is_not_read() throws Exception {
    serve(Callback.Mode.PLAIN);
    Push real = pushOfNewCode(9, "openid-big");
    byte[] huge = real.body().replace("</xml>", "<Pad>" + "x".repeat(5 * 1024 * 1024) + "</Pad></xml>")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String target = real.target().getRawPath() + "?" + real.target().getRawQuery();

    // The answer comes on the headers alone; the body is never read, so the client's write may fail.
    try (java.net.Socket socket = RawHttp.connect(server.url())) {
      socket.setSoTimeout(5_000);
      byte[] request = RawHttp.request("POST", target, huge);
      CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
        try {
          socket.getOutputStream().write(request);
        } catch (java.io.IOException expected) {
          // closed by the server
        }
      }, NewThreads.named("jdk-http-callback-test"));
      RawHttp.Answer result = RawHttp.read(socket.getInputStream());
      assertThat(result.status()).isEqualTo(413);
      assertThat(result.body()).isEqualTo("body too large: more than 65536 bytes");
      assertThat(result.closed()).isTrue();
      sending.get(5, TimeUnit.SECONDS);
    }
    assertThat(recorder.calls).hasValue(0);
  }

  @Test
  void a_push_replayed_after_the_skew_limit_is_refused() {
    serve(Callback.Mode.SAFE);
    Push push = pushOfNewCode(10, "openid-r");
    clock.advance(Duration.ofMinutes(6));

    PushResult result = fake.deliver(push);

    assertThat(result.status()).isEqualTo(403);
    assertThat(result.body()).isEqualTo("stale timestamp: more than 300 s from now");
    assertThat(recorder.calls).hasValue(0);
  }

  @Test
  void answers_the_url_verification_over_http() throws Exception {
    serve(Callback.Mode.SAFE);
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    URI uri = URI.create(server.url() + "?signature=" + PushCrypto.signature(SignedRequest.TOKEN, timestamp, "77")
        + "&timestamp=" + timestamp + "&nonce=77&echostr=8812345");

    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("8812345");
    assertThat(answer.headers().firstValue("Content-Type")).contains(CallbackResponse.CONTENT_TYPE);
  }

  @Test
  void a_head_request_gets_the_status_without_a_body() throws Exception {
    serve(Callback.Mode.PLAIN);
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(server.url())
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(405);
    assertThat(answer.body()).isEmpty();
  }

  @Test
  void query_decoding_keeps_the_first_of_repeated_names_and_decodes_plus_and_percent() {
    assertThat(JdkHttpCallback.decode("a=1&a=2&b=x+y&c=%2B%3D&flag&&=v"))
        .containsExactly(Map.entry("a", "1"), Map.entry("b", "x y"), Map.entry("c", "+="), Map.entry("flag", ""),
            Map.entry("", "v"));
    assertThat(JdkHttpCallback.decode(null)).isEmpty();
  }
}
