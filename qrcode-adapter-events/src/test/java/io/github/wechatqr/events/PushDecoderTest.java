package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.InvalidCallback;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.events.PublishedVectors.Sample;
import io.github.wechatqr.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PushDecoderTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final long now = clock.instant().getEpochSecond();
  private final PushDecoder plain = decoder(null);
  private final PushDecoder safe =
      decoder(new MessageCipher(SignedRequest.AES_KEY, SignedRequest.APP_ID));

  private PushDecoder decoder(MessageCipher cipher) {
    return new PushDecoder(SignedRequest.TOKEN, cipher, new PushXmlReader(64 * 1024), clock,
        Duration.ofMinutes(5));
  }

  private static Decoded decode(PushDecoder decoder, SignedRequest request) {
    return decoder.decode(request.query(), request.body());
  }

  static Stream<Sample> messages() {
    return Stream.of(PublishedVectors.A, PublishedVectors.B2, PublishedVectors.C2, PublishedVectors.D2);
  }

  @ParameterizedTest
  @MethodSource("messages")
  void decodes_the_published_safe_mode_samples_end_to_end(Sample s) {
    clock.set(Instant.ofEpochSecond(Long.parseLong(s.timestamp())));
    PushDecoder decoder = new PushDecoder(s.token(), new MessageCipher(s.encodingAesKey(), s.appId()),
        new PushXmlReader(64 * 1024), clock, Duration.ofMinutes(5));
    Map<String, String> query = Map.of("timestamp", s.timestamp(), "nonce", s.nonce(),
        "msg_signature", s.msgSignature(), "encrypt_type", "aes");
    byte[] body = ("<xml><ToUserName><![CDATA[x]]></ToUserName><Encrypt><![CDATA[" + s.encrypt()
        + "]]></Encrypt></xml>").getBytes(StandardCharsets.UTF_8);

    Decoded push = decoder.decode(query, body);

    assertThat(push.message().xml()).isEqualTo(s.plain());
    assertThat(push.message().msgType()).isEqualTo("text");
    assertThat(push.scan()).isNull();
  }

  @Test
  void reads_the_fields_of_sample_a() {
    Sample a = PublishedVectors.A;
    clock.set(Instant.ofEpochSecond(1409735669L));
    PushDecoder decoder = new PushDecoder(a.token(), new MessageCipher(a.encodingAesKey(), a.appId()),
        new PushXmlReader(64 * 1024), clock, Duration.ofMinutes(5));
    Decoded push = decoder.decode(Map.of("timestamp", a.timestamp(), "nonce", a.nonce(),
        "msg_signature", a.msgSignature(), "encrypt_type", "aes"),
        ("<xml><Encrypt>" + a.encrypt() + "</Encrypt></xml>").getBytes(StandardCharsets.UTF_8));
    assertThat(push.message()).isEqualTo(new CallbackMessage("gh_10f6c3c3ac5a", "oyORnuP8q7ou2gfYjqLzSIWZf0rs",
        Instant.ofEpochSecond(1409735668L), "text", null, null, a.plain()));
    assertThat(push.key()).isEqualTo(DeliveryKey.of("gh_10f6c3c3ac5a", "oyORnuP8q7ou2gfYjqLzSIWZf0rs",
        "1409735668", "text", null, null, "6054768590064713728"));
  }

  @Test
  void accepts_a_plain_push_signed_like_wechatpy_vector_F1() {
    String[] f1 = PublishedVectors.F1;
    clock.set(Instant.ofEpochSecond(Long.parseLong(f1[1])));
    PushDecoder decoder = new PushDecoder(f1[0], null, new PushXmlReader(1024), clock, Duration.ofMinutes(5));
    Map<String, String> query = Map.of("timestamp", f1[1], "nonce", f1[2], "signature", f1[3]);
    byte[] body = SignedRequest.scanXml("SCAN", "7", "t", 1410685589L, "o").getBytes(StandardCharsets.UTF_8);
    assertThat(decoder.decode(query, body).scan().sceneKey()).isEqualTo("7");
  }

  @Test
  void turns_a_subscribe_from_a_code_into_a_scan_event_with_the_prefix_stripped_once() {
    Decoded push = decode(plain, SignedRequest.plain(clock,
        SignedRequest.scanXml("subscribe", "qrscene_qrscene_7", "gQH=", now, "o_1")));
    assertThat(push.scan()).isEqualTo(new ScanEvent(ScanEvent.Kind.SUBSCRIBE, "o_1", "gh_test", "qrscene_7",
        new Ticket("gQH="), Instant.ofEpochSecond(now)));
    assertThat(push.key()).isEqualTo(DeliveryKey.of("gh_test", "o_1", Long.toString(now), "event", "subscribe",
        "qrscene_qrscene_7", null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"unsubscribe", "CLICK", "VIEW", "LOCATION", "subscribe", "something_new"})
  void an_event_that_is_no_qr_scan_has_no_scan_event(String event) {
    String key = "subscribe".equals(event) ? "" : "k";
    Decoded push = decode(plain, SignedRequest.plain(clock, SignedRequest.scanXml(event, key, null, now, "o")));
    assertThat(push.scan()).isNull();
    assertThat(push.message().event()).isEqualTo(event);
  }

  @Test
  void a_text_message_has_no_scan_event_even_with_a_scan_like_event_field() {
    String xml = SignedRequest.scanXml("SCAN", "1", "t", now, "o").replace("[event]", "[text]");
    Decoded push = decode(plain, SignedRequest.plain(clock, xml));
    assertThat(push.scan()).isNull();
    assertThat(push.message().msgType()).isEqualTo("text");
  }

  @Test
  void a_scan_without_an_event_key_breaks_the_protocol() {
    SignedRequest request = SignedRequest.plain(clock, SignedRequest.scanXml("SCAN", "", "t", now, "o"));
    assertThatThrownBy(() -> decode(plain, request)).isInstanceOf(InvalidCallback.class)
        .hasMessage("a SCAN push must carry an EventKey");
  }

  @Test
  void compatible_mode_trusts_the_ciphertext_not_the_plain_copy_beside_it() {
    String real = SignedRequest.scanXml("SCAN", "42", "t", now, "o_real");
    SignedRequest request = SignedRequest.compatible(clock, real);
    String forged = new String(request.body(), StandardCharsets.UTF_8).replace("o_real", "o_forged");
    Decoded push = safe.decode(request.query(), forged.getBytes(StandardCharsets.UTF_8));
    assertThat(push.scan().openId()).isEqualTo("o_real");
  }

  @ParameterizedTest
  @ValueSource(strings = {"timestamp", "nonce", "signature"})
  void a_plain_push_needs_timestamp_nonce_and_signature(String name) {
    SignedRequest request = SignedRequest.plain(clock, "<xml/>").with(name, null);
    assertThatThrownBy(() -> decode(plain, request)).isInstanceOf(InvalidCallback.class)
        .hasMessage("missing query parameter: " + name);
  }

  @Test
  void an_encrypted_push_needs_msg_signature_and_an_encrypt_element() {
    SignedRequest request = SignedRequest.safe(clock, "<xml/>");
    assertThatThrownBy(() -> decode(safe, request.with("msg_signature", null)))
        .isInstanceOf(InvalidCallback.class).hasMessage("missing query parameter: msg_signature");
    assertThatThrownBy(() -> safe.decode(request.query(), "<xml><Encrypt></Encrypt></xml>".getBytes()))
        .isInstanceOf(InvalidCallback.class).hasMessage("Encrypt is missing");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "1.5", "abc", "1e9", "１２３", "9999999999999"})
  void a_timestamp_is_up_to_12_ascii_digits(String timestamp) {
    SignedRequest request = SignedRequest.plain(clock, "<xml/>").with("timestamp", timestamp);
    assertThatThrownBy(() -> decode(plain, request)).isInstanceOf(InvalidCallback.class)
        .hasMessage("timestamp is not a number");
  }

  @Test
  void modes_must_match_the_configuration() {
    assertThatThrownBy(() -> decode(plain, SignedRequest.safe(clock, "<xml/>")))
        .isInstanceOf(InvalidCallback.class)
        .hasMessage("encrypted push, but no EncodingAESKey is configured");
    assertThatThrownBy(() -> decode(safe, SignedRequest.plain(clock, "<xml/>")))
        .isInstanceOf(InvalidCallback.class)
        .hasMessage("this callback accepts encrypted pushes only (encrypt_type=aes)");
    assertThatThrownBy(() -> decode(safe, SignedRequest.safe(clock, "<xml/>").with("encrypt_type", "des")))
        .isInstanceOf(InvalidCallback.class).hasMessage("unsupported encrypt_type");
  }

  @Test
  void raw_encrypt_type_is_plain_mode() {
    SignedRequest request = SignedRequest.plain(clock, SignedRequest.scanXml("SCAN", "1", "t", now, "o"))
        .with("encrypt_type", "raw");
    assertThat(decode(plain, request).scan()).isNotNull();
  }

  @Test
  void a_wrong_signature_or_token_is_refused() {
    SignedRequest request = SignedRequest.plain(clock, "<xml/>");
    assertThatThrownBy(() -> decode(plain, request.with("signature", "0".repeat(40))))
        .isInstanceOf(InvalidCallback.class).hasMessage("signature mismatch");
    PushDecoder otherToken = new PushDecoder("other", null, new PushXmlReader(1024), clock, Duration.ofMinutes(5));
    assertThatThrownBy(() -> decode(otherToken, request)).isInstanceOf(InvalidCallback.class)
        .hasMessage("signature mismatch");
  }

  @Test
  void the_msg_signature_covers_the_ciphertext() {
    SignedRequest one = SignedRequest.safe(clock, SignedRequest.scanXml("SCAN", "1", "t", now, "o"));
    SignedRequest two = SignedRequest.safe(clock, SignedRequest.scanXml("SCAN", "2", "t", now, "o"));
    Map<String, String> mixed = new HashMap<>(one.query());
    assertThatThrownBy(() -> safe.decode(mixed, two.body())).isInstanceOf(InvalidCallback.class)
        .hasMessage("signature mismatch");
  }

  @Test
  void a_timestamp_may_be_five_minutes_off_either_way_and_no_more() {
    String xml = SignedRequest.scanXml("SCAN", "1", "t", now, "o");
    for (long offset : new long[] {-300, 300}) {
      assertThat(decode(plain, SignedRequest.plain(Long.toString(now + offset), xml)).scan()).isNotNull();
    }
    for (long offset : new long[] {-301, 301}) {
      SignedRequest request = SignedRequest.plain(Long.toString(now + offset), xml);
      assertThatThrownBy(() -> decode(plain, request)).isInstanceOf(InvalidCallback.class)
          .hasMessage("stale timestamp: more than 300 s from now");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ToUserName", "FromUserName", "CreateTime", "MsgType"})
  void every_push_carries_the_common_fields(String field) {
    String xml = SignedRequest.scanXml("SCAN", "1", "t", now, "o")
        .replaceAll("<" + field + ">.*?</" + field + ">", "");
    SignedRequest request = SignedRequest.plain(clock, xml);
    assertThatThrownBy(() -> decode(plain, request)).isInstanceOf(InvalidCallback.class)
        .hasMessage(field + " is missing");
  }

  @Test
  void create_time_is_a_number() {
    String xml = SignedRequest.scanXml("SCAN", "1", "t", now, "o").replace(Long.toString(now), "soon");
    SignedRequest request = SignedRequest.plain(clock, xml);
    assertThatThrownBy(() -> decode(plain, request)).isInstanceOf(InvalidCallback.class)
        .hasMessage("CreateTime is not a number");
  }

  @Test
  void a_url_verification_needs_its_echostr() {
    Map<String, String> query = Map.of("timestamp", "1", "nonce", "n", "signature", "s");
    assertThatThrownBy(() -> plain.signedUrl(query)).isInstanceOf(InvalidCallback.class)
        .hasMessage("missing query parameter: echostr");
  }
}
