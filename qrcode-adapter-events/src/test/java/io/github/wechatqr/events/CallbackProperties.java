package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.InvalidCallback;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.PushCrypto;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.NotBlank;
import net.jqwik.api.constraints.Size;

/**
 * Properties (jqwik): the testkit's encryption and this module's decryption agree on arbitrary messages
 * and appids; and no input, however arbitrary, makes the parsing and decrypting layer throw anything but
 * {@link InvalidCallback}, or makes the handler answer 2xx after calling a listener.
 */
class CallbackProperties {
  private static final String KEY = SignedRequest.AES_KEY;
  private static final String APP_ID = SignedRequest.APP_ID;
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final Recorder recorder = new Recorder();
  private final QrCodeService qrcodes =
      new QrCodeService(new InMemoryQrCodeGateway(clock), new InMemoryQrCodeStore(clock), clock);
  private final WeChatCallbackHandler plain = WeChatCallbackHandler.builder().token(SignedRequest.TOKEN)
      .clock(clock).resolver(qrcodes).scanListener(recorder).build();
  private final WeChatCallbackHandler safe = WeChatCallbackHandler.builder().token(SignedRequest.TOKEN)
      .encodingAesKey(KEY, APP_ID).clock(clock).resolver(qrcodes).scanListener(recorder).build();
  private final PushDecoder plainDecoder = new PushDecoder(SignedRequest.TOKEN, null, new PushXmlReader(65536),
      clock, Duration.ofMinutes(5));
  private final PushDecoder safeDecoder = new PushDecoder(SignedRequest.TOKEN, new MessageCipher(KEY, APP_ID),
      new PushXmlReader(65536), clock, Duration.ofMinutes(5));

  @Property(tries = 300)
  void what_the_testkit_encrypts_decrypts_to_the_same_message(@ForAll String message,
      @ForAll @NotBlank String appId) {
    String encrypt = new PushCrypto(KEY).encrypt(message, appId);
    assertThat(new MessageCipher(KEY, appId).decrypt(encrypt)).isEqualTo(message.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 200)
  void xml_like_messages_round_trip_too(@ForAll("xmlish") String message) {
    String encrypt = new PushCrypto(KEY).encrypt(message, APP_ID);
    assertThat(new MessageCipher(KEY, APP_ID).decrypt(encrypt)).isEqualTo(message.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 200)
  void a_message_for_one_appid_never_decrypts_for_another(@ForAll String message, @ForAll @NotBlank String sent,
      @ForAll @NotBlank String expected) {
    Assume.that(!Arrays.equals(sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8)));
    String encrypt = new PushCrypto(KEY).encrypt(message, sent);
    MessageCipher cipher = new MessageCipher(KEY, expected);
    InvalidCallback refusal = onlyInvalidCallback(() -> cipher.decrypt(encrypt));
    assertThat(refusal).hasMessage("the ciphertext was made for another appid");
  }

  @Property(tries = 500)
  void decrypting_arbitrary_bytes_throws_nothing_but_invalid_callback(@ForAll @Size(max = 160) byte[] bytes) {
    MessageCipher cipher = new MessageCipher(KEY, APP_ID);
    onlyInvalidCallback(() -> cipher.decrypt(Base64.getEncoder().encodeToString(bytes)));
  }

  @Property(tries = 300)
  void decrypting_arbitrary_text_throws_nothing_but_invalid_callback(@ForAll String encrypt) {
    MessageCipher cipher = new MessageCipher(KEY, APP_ID);
    onlyInvalidCallback(() -> cipher.decrypt(encrypt));
  }

  @Property(tries = 500)
  void parsing_arbitrary_bytes_throws_nothing_but_invalid_callback(@ForAll("bodies") byte[] body) {
    PushXmlReader reader = new PushXmlReader(65536);
    onlyInvalidCallback(() -> reader.read(body));
  }

  @Property(tries = 500)
  void decoding_arbitrary_requests_throws_nothing_but_invalid_callback(
      @ForAll("queries") Map<String, String> query, @ForAll("bodies") byte[] body) {
    onlyInvalidCallback(() -> plainDecoder.decode(query, body));
    onlyInvalidCallback(() -> safeDecoder.decode(query, body));
  }

  @Property(tries = 500)
  void arbitrary_requests_are_refused_and_reach_no_listener(@ForAll("methods") String method,
      @ForAll("queries") Map<String, String> query, @ForAll("bodies") byte[] body) {
    for (WeChatCallbackHandler handler : List.of(plain, safe)) {
      CallbackResponse answer = handler.handle(method, query, body);
      assertThat(answer.status()).isBetween(400, 499);
    }
    assertThat(recorder.calls).hasValue(0);
  }

  @Property(tries = 300)
  void correctly_signed_garbage_never_gets_a_2xx_with_a_listener_call(@ForAll("xmlish") String body) {
    int before = recorder.calls.get();
    CallbackResponse answer = SignedRequest.plain(clock, body).postTo(plain);
    assertThat(answer.isSuccess() && recorder.calls.get() > before).as("2xx after a listener call").isFalse();
  }

  @Property(tries = 300)
  void correctly_encrypted_and_signed_garbage_never_gets_a_2xx_with_a_listener_call(
      @ForAll("xmlish") String inner) {
    int before = recorder.calls.get();
    CallbackResponse answer = SignedRequest.safe(clock, inner).postTo(safe);
    assertThat(answer.isSuccess() && recorder.calls.get() > before).as("2xx after a listener call").isFalse();
  }

  private static InvalidCallback onlyInvalidCallback(Runnable step) {
    try {
      step.run();
      return null;
    } catch (InvalidCallback expected) {
      return expected;
    }
  }

  @Provide
  Arbitrary<String> xmlish() {
    return Arbitraries.oneOf(
        Arbitraries.of("<xml>", "</xml>", "<ToUserName>", "</ToUserName>", "<FromUserName>", "</FromUserName>",
            "<CreateTime>", "</CreateTime>", "<MsgType>", "</MsgType>", "<Event>", "</Event>", "<EventKey>",
            "</EventKey>", "<Ticket>", "</Ticket>", "<Encrypt>", "</Encrypt>", "<![CDATA[", "]]>", "&amp;",
            "&xxe;", "&#0;", "&#x1F600;", "<!DOCTYPE xml [", "<!ENTITY e SYSTEM \"file:///etc/passwd\">", "]>",
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?>", "<!--", "-->", "event", "SCAN", "subscribe",
            "qrscene_", "123", "1767225600", "\u0000", "\uD83D\uDE00", "\uD800", " ", "<", ">", "\"", "=", "/"),
        Arbitraries.strings().ofMaxLength(8))
        .list().ofMaxSize(40).map(parts -> String.join("", parts));
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
        xmlish().map(text -> text.getBytes(StandardCharsets.UTF_8)),
        xmlish().map(text -> text.getBytes(StandardCharsets.UTF_16)));
  }

  @Provide
  Arbitrary<Map<String, String>> queries() {
    Arbitrary<String> names = Arbitraries.oneOf(
        Arbitraries.of("timestamp", "nonce", "signature", "msg_signature", "encrypt_type", "echostr", "openid"),
        Arbitraries.strings().ofMaxLength(12));
    Arbitrary<String> values = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(50),
        Arbitraries.of("aes", "raw", "", "1767225600", "1767225000", "-1", "99999999999999999999"),
        Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(14),
        Arbitraries.strings().withCharRange('a', 'f').numeric().ofLength(40));
    return Arbitraries.maps(names, values).ofMaxSize(8);
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.oneOf(Arbitraries.of("GET", "POST", "PUT", "HEAD"), Arbitraries.strings().ofMaxLength(6));
  }
}
