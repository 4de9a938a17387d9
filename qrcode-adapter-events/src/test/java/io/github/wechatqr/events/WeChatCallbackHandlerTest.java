package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.events.PublishedVectors.Sample;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WeChatCallbackHandlerTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final QrCodeService qrcodes =
      new QrCodeService(new InMemoryQrCodeGateway(clock), new InMemoryQrCodeStore(clock), clock);
  private final Recorder recorder = new Recorder();

  private WeChatCallbackHandler.Builder base() {
    return WeChatCallbackHandler.builder().token(SignedRequest.TOKEN).clock(clock).resolver(qrcodes)
        .scanListener(recorder);
  }

  private WeChatCallbackHandler safeHandler() {
    return base().encodingAesKey(SignedRequest.AES_KEY, SignedRequest.APP_ID).fallbackListener(recorder).build();
  }

  private String scanOf(QrCode code, String event, String openId) {
    String key = ("subscribe".equals(event) ? "qrscene_" : "") + code.request().scene().text();
    return SignedRequest.scanXml(event, key, code.ticket().value(), clock.instant().getEpochSecond(), openId);
  }

  @Test
  void answers_the_url_verification_with_the_echostr_for_wechatpy_vector_F1() {
    String[] f1 = PublishedVectors.F1;
    clock.set(Instant.ofEpochSecond(Long.parseLong(f1[1])));
    WeChatCallbackHandler handler = base().token(f1[0]).build();
    Map<String, String> query = Map.of("timestamp", f1[1], "nonce", f1[2], "signature", f1[3],
        "echostr", "5927782489442352469");
    assertThat(handler.handle("GET", query, null)).isEqualTo(new CallbackResponse(200, "5927782489442352469"));
  }

  @Test
  void refuses_a_url_verification_with_a_wrong_signature_or_without_parameters() {
    WeChatCallbackHandler handler = base().build();
    Map<String, String> query = new HashMap<>(Map.of("timestamp", Long.toString(clock.instant().getEpochSecond()),
        "nonce", "n", "signature", "f21891de399b4e33a1a93c9a7b8a8fffb5a443ff", "echostr", "e"));
    assertThat(handler.handle("GET", query, null)).isEqualTo(new CallbackResponse(403, "signature mismatch"));
    assertThat(handler.handle("GET", null, null))
        .isEqualTo(new CallbackResponse(400, "missing query parameter: echostr"));
  }

  @Test
  void the_url_verification_works_in_safe_mode_too_since_the_echostr_is_plain_for_official_accounts() {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    Map<String, String> query = Map.of("timestamp", timestamp, "nonce", "n1", "echostr", "12345",
        "signature", io.github.wechatqr.testkit.PushCrypto.signature(SignedRequest.TOKEN, timestamp, "n1"));
    assertThat(safeHandler().handle("GET", query, new byte[0])).isEqualTo(new CallbackResponse(200, "12345"));
  }

  @Test
  void delivers_published_sample_a_through_the_whole_handler_to_the_fallback() {
    Sample a = PublishedVectors.A;
    clock.set(Instant.ofEpochSecond(Long.parseLong(a.timestamp())));
    WeChatCallbackHandler handler = base().token(a.token()).encodingAesKey(a.encodingAesKey(), a.appId())
        .fallbackListener(recorder).build();
    Map<String, String> query = Map.of("timestamp", a.timestamp(), "nonce", a.nonce(),
        "msg_signature", a.msgSignature(), "encrypt_type", "aes", "signature", "not checked in safe mode");
    byte[] body = ("<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA["
        + a.encrypt() + "]]></Encrypt></xml>").getBytes(StandardCharsets.UTF_8);

    assertThat(handler.handle("POST", query, body)).isEqualTo(new CallbackResponse(200, "success"));
    assertThat(recorder.messages).singleElement().satisfies(m -> {
      assertThat(m.openId()).isEqualTo("oyORnuP8q7ou2gfYjqLzSIWZf0rs");
      assertThat(m.xml()).contains("<Content><![CDATA[abcdteT]]></Content>");
    });
  }

  @Test
  void a_scan_in_each_mode_reaches_the_listener_resolved_to_the_issued_code() {
    QrCode code = qrcodes.temporary(SceneValue.of("123"), Duration.ofMinutes(10));
    WeChatCallbackHandler plain = base().build();
    WeChatCallbackHandler safe = safeHandler();

    assertThat(SignedRequest.plain(clock, scanOf(code, "subscribe", "o_1")).postTo(plain).status()).isEqualTo(200);
    assertThat(SignedRequest.safe(clock, scanOf(code, "SCAN", "o_1")).postTo(safe).status()).isEqualTo(200);
    assertThat(SignedRequest.compatible(clock, scanOf(code, "SCAN", "o_2")).postTo(safe).status()).isEqualTo(200);

    assertThat(recorder.scans).extracting(s -> s.event().kind())
        .containsExactly(ScanEvent.Kind.SUBSCRIBE, ScanEvent.Kind.SCAN, ScanEvent.Kind.SCAN);
    assertThat(recorder.scans).allSatisfy(s -> {
      assertThat(s.scene()).isEqualTo(SceneValue.of("123"));
      assertThat(s.resolution()).isEqualTo(ResolvedScan.Resolution.ISSUED_CODE);
      assertThat(s.issuedCode()).contains(code);
    });
  }

  @Test
  void a_scan_of_a_code_issued_elsewhere_is_resolved_from_its_key() {
    String xml = SignedRequest.scanXml("SCAN", "123", "unknown-ticket", clock.instant().getEpochSecond(), "o");
    assertThat(SignedRequest.plain(clock, xml).postTo(base().build()).status()).isEqualTo(200);
    assertThat(recorder.scans).singleElement().satisfies(s -> {
      assertThat(s.scene()).isEqualTo(SceneValue.of(123));
      assertThat(s.resolution()).isEqualTo(ResolvedScan.Resolution.EVENT_KEY);
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"PUT", "DELETE", "HEAD", "get", ""})
  void only_get_and_post_are_served(String method) {
    assertThat(base().build().handle(method, Map.of(), new byte[0]))
        .isEqualTo(new CallbackResponse(405, "method not allowed: use GET or POST"));
  }

  @Test
  void a_null_query_and_body_read_as_empty() {
    assertThat(base().build().handle("POST", null, null))
        .isEqualTo(new CallbackResponse(400, "missing query parameter: timestamp"));
  }

  @Test
  void the_body_limit_is_configurable_and_exact() {
    WeChatCallbackHandler handler = base().maxBodyBytes(100).build();
    assertThat(handler.maxBodyBytes()).isEqualTo(100);
    assertThat(handler.handle("POST", Map.of(), new byte[101]))
        .isEqualTo(new CallbackResponse(413, "body too large: more than 100 bytes"));
    assertThat(handler.handle("POST", Map.of(), new byte[100]).status()).isEqualTo(400);
  }

  @Test
  void the_skew_limit_is_configurable() {
    WeChatCallbackHandler handler = base().maxSkew(Duration.ofSeconds(30)).build();
    String xml = SignedRequest.scanXml("SCAN", "1", "t", 1, "o");
    String late = Long.toString(clock.instant().getEpochSecond() - 31);
    assertThat(SignedRequest.plain(late, xml).postTo(handler))
        .isEqualTo(new CallbackResponse(403, "stale timestamp: more than 30 s from now"));
  }

  @Test
  void the_builder_requires_token_clock_resolver_and_listener() {
    assertThatThrownBy(() -> WeChatCallbackHandler.builder().clock(clock).resolver(qrcodes)
        .scanListener(recorder).build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("token must be set");
    assertThatThrownBy(() -> base().clock(null).build()).isInstanceOf(NullPointerException.class)
        .hasMessage("clock");
    assertThatThrownBy(() -> base().resolver(null).build()).isInstanceOf(NullPointerException.class)
        .hasMessage("resolver");
    assertThatThrownBy(() -> base().scanListener(null).build()).isInstanceOf(NullPointerException.class)
        .hasMessage("scanListener");
  }

  @Test
  void the_builder_checks_limits() {
    assertThatThrownBy(() -> base().maxSkew(Duration.ofMillis(500)).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> base().maxBodyBytes(0).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> base().dedup(Duration.ofMinutes(1), 10).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must cover twice the skew limit");
    assertThatThrownBy(() -> base().dedup(Duration.ofMinutes(10), 0).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(base().maxSkew(Duration.ofMinutes(1)).dedup(Duration.ofMinutes(2), 1).build()).isNotNull();
  }

  @Test
  void to_string_names_mode_and_limits_but_no_secret() {
    assertThat(safeHandler().toString()).contains("encrypted", SignedRequest.APP_ID, "PT5M", "65536")
        .doesNotContain(SignedRequest.TOKEN, SignedRequest.AES_KEY);
    assertThat(base().build().toString()).contains("plain").doesNotContain(SignedRequest.TOKEN);
  }

  @Test
  void a_bad_encoding_aes_key_is_refused_without_being_quoted() {
    String almost = SignedRequest.AES_KEY.substring(1);
    assertThatThrownBy(() -> base().encodingAesKey(almost, SignedRequest.APP_ID).build())
        .isInstanceOf(IllegalArgumentException.class).message().doesNotContain(almost);
  }

  @Test
  void secrets_never_reach_the_log_or_an_answer() throws IOException {
    WeChatCallbackHandler handler = safeHandler();
    QrCode code = qrcodes.temporary(SceneValue.of(7), Duration.ofMinutes(10));
    String xml = scanOf(code, "SCAN", "o_log");
    Function<SignedRequest, CallbackResponse> post = request -> request.postTo(handler);
    StringBuilder answers = new StringBuilder();
    recorder.failNext(1);
    answers.append(post.apply(SignedRequest.safe(clock, xml)).body());          // listener fails: warn + stack
    answers.append(post.apply(SignedRequest.safe(clock, xml)).body());          // handled
    answers.append(post.apply(SignedRequest.safe(clock, xml)).body());          // duplicate
    answers.append(post.apply(SignedRequest.safe(clock, xml).with("msg_signature", "0".repeat(40))).body());
    answers.append(post.apply(SignedRequest.safe(clock, xml, "wxother")).body());
    answers.append(post.apply(SignedRequest.plain(clock, xml)).body());
    answers.append(post.apply(SignedRequest.safe(clock, "<xml><a>&x;</a></xml>")).body());
    answers.append(handler.handle("GET", Map.of(), null).body());

    Path log = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile"));
    String logged = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(logged).as("the log is captured").contains("refused a callback request: 403 signature mismatch")
        .contains("the listener failed");
    assertThat(logged + answers).doesNotContain(SignedRequest.TOKEN).doesNotContain(SignedRequest.AES_KEY);
  }
}
