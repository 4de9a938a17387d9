package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.PushCrypto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every attack and malformation of the issue, through the whole handler: each gets one exact answer and
 * none reaches a listener. Requests are signed with the right token unless the test is about signatures,
 * so each refusal is the one under test and not an earlier one. Once the signature checked out, every
 * refusal is the same answer ({@link Refusals#REFUSED}, issue 17): {@link #refused} checks that answer and
 * that the log (DEBUG, one line per refusal, naming the request's nonce) gives the reason under test.
 */
class HostilePushTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final long now = clock.instant().getEpochSecond();
  private final QrCodeService qrcodes =
      new QrCodeService(new InMemoryQrCodeGateway(clock), new InMemoryQrCodeStore(clock), clock);
  private final Recorder recorder = new Recorder();
  private final WeChatCallbackHandler plain = WeChatCallbackHandler.builder().token(SignedRequest.TOKEN)
      .clock(clock).resolver(qrcodes).scanListener(recorder).fallbackListener(recorder).build();
  private final WeChatCallbackHandler safe = WeChatCallbackHandler.builder().token(SignedRequest.TOKEN)
      .encodingAesKey(SignedRequest.AES_KEY, SignedRequest.APP_ID).clock(clock).resolver(qrcodes)
      .scanListener(recorder).fallbackListener(recorder).build();
  private final QrCode code = qrcodes.temporary(SceneValue.of(42), Duration.ofMinutes(30));
  private final String scan = SignedRequest.scanXml("SCAN", "42", code.ticket().value(), now, "o_victim");
  private boolean listenerMayBeCalled;

  @AfterEach
  void noListenerWasCalled() {
    if (!listenerMayBeCalled) {
      assertThat(recorder.calls).as("listener calls").hasValue(0);
    }
  }

  /** Posts the request; the answer must be the uniform refusal, and the log must name the reason. */
  private static void refused(SignedRequest request, WeChatCallbackHandler handler, String reason)
      throws IOException {
    refused(request, handler.handle("POST", request.query(), request.body()), reason);
  }

  private static void refused(SignedRequest request, CallbackResponse answer, String reason) throws IOException {
    assertThat(answer).isEqualTo(Refusals.REFUSED);
    String line = "refused a signed push: " + reason + " (timestamp " + request.query().get("timestamp")
        + ", nonce " + request.query().get("nonce") + ")";
    assertThat(Files.readString(Path.of(System.getProperty("org.slf4j.simpleLogger.logFile")),
        StandardCharsets.UTF_8)).contains(line);
  }

  private static String xxe(String inner) {
    return "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" + inner;
  }

  @Test
  void an_xxe_file_read_attempt_is_refused() throws IOException {
    String body = xxe("<xml><ToUserName>gh</ToUserName><FromUserName>&xxe;</FromUserName>"
        + "<CreateTime>" + now + "</CreateTime><MsgType>text</MsgType></xml>");
    refused(SignedRequest.plain(clock, body), plain, "DOCTYPE is not allowed");
  }

  @Test
  void an_xxe_inside_the_encrypted_message_is_refused_too() throws IOException {
    String inner = xxe(scan.replace("<![CDATA[o_victim]]>", "&xxe;"));
    refused(SignedRequest.safe(clock, inner), safe, "DOCTYPE is not allowed");
  }

  @Test
  void an_xxe_in_the_envelope_of_an_encrypted_push_is_refused_before_the_signature_is_checked() {
    SignedRequest request = SignedRequest.safe(clock, scan);
    String envelope = xxe(new String(request.body(), StandardCharsets.UTF_8)
        .replace("<![CDATA[gh_test]]>", "&xxe;"));
    assertThat(safe.handle("POST", request.query(), envelope.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new CallbackResponse(400, "DOCTYPE is not allowed"));
  }

  @Test
  void billion_laughs_is_refused() throws IOException {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE xml [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i < 10; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    String bomb = dtd + "]>" + scan.replace("<![CDATA[o_victim]]>", "&lol9;");
    refused(SignedRequest.plain(clock, bomb), plain, "DOCTYPE is not allowed");
  }

  @Test
  void an_entity_reference_without_a_doctype_is_refused() throws IOException {
    refused(SignedRequest.plain(clock, scan.replace("<![CDATA[o_victim]]>", "&xxe;")), plain,
        "entity references are not allowed");
  }

  @Test
  void a_5_mb_body_is_refused_unread() {
    String huge = scan.replace("</xml>", "<Pad>" + "x".repeat(5 * 1024 * 1024) + "</Pad></xml>");
    assertThat(SignedRequest.plain(clock, huge).postTo(plain))
        .isEqualTo(new CallbackResponse(413, "body too large: more than 65536 bytes"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "<xml>", "<xml><FromUserName>o</xml>", "{\"json\":true}", "<xml/><xml/>"})
  void malformed_xml_is_refused(String body) throws IOException {
    refused(SignedRequest.plain(clock, body), plain, "malformed XML");
  }

  @Test
  void a_wrong_signature_is_refused() {
    SignedRequest forged = SignedRequest.plain(clock, scan).with("signature", PushCrypto.signature("guess",
        Long.toString(now), "1"));
    assertThat(forged.postTo(plain)).isEqualTo(new CallbackResponse(403, "signature mismatch"));
  }

  @Test
  void a_wrong_msg_signature_is_refused_even_with_a_right_plain_signature() {
    SignedRequest request = SignedRequest.safe(clock, scan);
    assertThat(request.query().get("signature")).isNotNull();
    assertThat(request.with("msg_signature", request.query().get("signature")).postTo(safe))
        .isEqualTo(new CallbackResponse(403, "signature mismatch"));
  }

  @Test
  void a_ciphertext_for_another_appid_is_refused() throws IOException {
    refused(SignedRequest.safe(clock, scan, "wx0therapp0000001"), safe, "the ciphertext was made for another appid");
  }

  @Test
  void bad_padding_is_refused() throws IOException {
    // Flip the last plaintext byte (a padding byte) via the previous ciphertext block, then sign it as
    // WeChat would: the signature is fine, the padding is not.
    String encrypt = new PushCrypto(SignedRequest.AES_KEY).encrypt(scan, SignedRequest.APP_ID);
    byte[] cipherText = Base64.getDecoder().decode(encrypt);
    cipherText[cipherText.length - 17] ^= 0x7f;
    SignedRequest request = SignedRequest.safeEncrypt(clock, Base64.getEncoder().encodeToString(cipherText));
    refused(request, safe, "cannot decrypt: bad padding");
  }

  @Test
  void a_truncated_ciphertext_is_refused() throws IOException {
    String encrypt = new PushCrypto(SignedRequest.AES_KEY).encrypt(scan, SignedRequest.APP_ID);
    byte[] cipherText = Base64.getDecoder().decode(encrypt);
    String truncated = Base64.getEncoder().encodeToString(Arrays.copyOf(cipherText, cipherText.length - 16));
    refused(SignedRequest.safeEncrypt(clock, truncated), safe,
        "cannot decrypt: Encrypt is not a whole number of 32-byte blocks");
  }

  @Test
  void a_stale_timestamp_is_refused_as_a_replay() {
    SignedRequest captured = SignedRequest.plain(clock, scan);
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(captured.postTo(plain))
        .isEqualTo(new CallbackResponse(403, "stale timestamp: more than 300 s from now"));
  }

  @Test
  void a_timestamp_from_the_future_is_refused() {
    String future = Long.toString(now + 301);
    assertThat(SignedRequest.plain(future, scan).postTo(plain))
        .isEqualTo(new CallbackResponse(403, "stale timestamp: more than 300 s from now"));
  }

  @Test
  void a_duplicate_delivery_reaches_the_listener_once() {
    listenerMayBeCalled = true;
    SignedRequest push = SignedRequest.safe(clock, scan);
    assertThat(push.postTo(safe)).isEqualTo(new CallbackResponse(200, "success"));
    assertThat(push.postTo(safe)).isEqualTo(new CallbackResponse(200, "success"));
    // WeChat's retry of the same push is a new request (new nonce, new ciphertext), same content.
    assertThat(SignedRequest.safe(clock, scan).postTo(safe)).isEqualTo(new CallbackResponse(200, "success"));
    assertThat(recorder.calls).hasValue(1);
  }

  @Test
  void a_replay_within_the_skew_limit_is_a_duplicate() {
    listenerMayBeCalled = true;
    SignedRequest captured = SignedRequest.plain(clock, scan);
    captured.postTo(plain);
    clock.advance(Duration.ofMinutes(4));
    assertThat(captured.postTo(plain)).isEqualTo(new CallbackResponse(200, "success"));
    assertThat(recorder.calls).hasValue(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"unsubscribe", "CLICK", "TEMPLATESENDJOBFINISH", "brand_new_event"})
  void an_unknown_or_other_event_is_answered_success_without_a_scan(String event) {
    WeChatCallbackHandler noFallback = WeChatCallbackHandler.builder().token(SignedRequest.TOKEN)
        .clock(clock).resolver(qrcodes).scanListener(recorder).build();
    String xml = SignedRequest.scanXml(event, "42", code.ticket().value(), now, "o");
    assertThat(SignedRequest.plain(clock, xml).postTo(noFallback)).isEqualTo(new CallbackResponse(200, "success"));
  }

  @Test
  void an_unknown_event_goes_to_the_fallback_and_never_to_the_scan_listener() {
    listenerMayBeCalled = true;
    String xml = SignedRequest.scanXml("brand_new_event", "42", code.ticket().value(), now, "o");
    assertThat(SignedRequest.plain(clock, xml).postTo(plain)).isEqualTo(new CallbackResponse(200, "success"));
    assertThat(recorder.scans).isEmpty();
    assertThat(recorder.messages).singleElement().extracting(CallbackMessage::event).isEqualTo("brand_new_event");
  }

  @Test
  void a_scan_without_an_event_key_is_refused() throws IOException {
    String xml = SignedRequest.scanXml("SCAN", "", code.ticket().value(), now, "o");
    refused(SignedRequest.plain(clock, xml), plain, "a SCAN push must carry an EventKey");
  }

  @Test
  void a_smuggled_second_event_key_is_refused() throws IOException {
    String xml = scan.replace("</xml>", "<EventKey><![CDATA[999]]></EventKey></xml>");
    refused(SignedRequest.plain(clock, xml), plain, "EventKey must occur once and hold only text");
  }

  @Test
  void a_plain_push_to_an_encrypted_callback_is_refused() {
    assertThat(SignedRequest.plain(clock, scan).postTo(safe)).isEqualTo(
        new CallbackResponse(400, "this callback accepts encrypted pushes only (encrypt_type=aes)"));
  }

  @Test
  void a_push_without_signature_parameters_is_refused() {
    assertThat(SignedRequest.plain(clock, scan).with("signature", null).postTo(plain))
        .isEqualTo(new CallbackResponse(400, "missing query parameter: signature"));
  }
}
