package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.maps;
import static org.quicktheories.generators.SourceDSL.strings;

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
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties (QuickTheories; a failure prints the seed to replay it with {@code -DQT_SEED=...}): the
 * testkit's encryption and this module's decryption agree on arbitrary messages and appids; and no input,
 * however arbitrary, makes the parsing and decrypting layer throw anything but {@link InvalidCallback}, or
 * makes the handler answer 2xx after calling a listener.
 */
class CallbackPropertiesTest {
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

  @Test
  void what_the_testkit_encrypts_decrypts_to_the_same_message() {
    qt().withExamples(300).forAll(anyText(200), appIds()).checkAssert((message, appId) -> {
      String encrypt = new PushCrypto(KEY).encrypt(message, appId);
      assertThat(new MessageCipher(KEY, appId).decrypt(encrypt)).isEqualTo(message.getBytes(StandardCharsets.UTF_8));
    });
  }

  @Test
  void xml_like_messages_round_trip_too() {
    qt().withExamples(200).forAll(xmlish()).checkAssert(message -> {
      String encrypt = new PushCrypto(KEY).encrypt(message, APP_ID);
      assertThat(new MessageCipher(KEY, APP_ID).decrypt(encrypt)).isEqualTo(message.getBytes(StandardCharsets.UTF_8));
    });
  }

  @Test
  void a_message_for_one_appid_never_decrypts_for_another() {
    qt().withExamples(200).forAll(anyText(100), appIds(), appIds())
        .assuming((message, sent, expected) -> !Arrays.equals(sent.getBytes(StandardCharsets.UTF_8),
            expected.getBytes(StandardCharsets.UTF_8)))
        .checkAssert((message, sent, expected) -> {
          String encrypt = new PushCrypto(KEY).encrypt(message, sent);
          MessageCipher cipher = new MessageCipher(KEY, expected);
          assertThat(onlyInvalidCallback(() -> cipher.decrypt(encrypt)))
              .hasMessage("the ciphertext was made for another appid");
        });
  }

  @Test
  void decrypting_arbitrary_bytes_throws_nothing_but_invalid_callback() {
    MessageCipher cipher = new MessageCipher(KEY, APP_ID);
    qt().withExamples(500).forAll(bytes(160))
        .checkAssert(bytes -> onlyInvalidCallback(() -> cipher.decrypt(Base64.getEncoder().encodeToString(bytes))));
  }

  @Test
  void decrypting_arbitrary_text_throws_nothing_but_invalid_callback() {
    MessageCipher cipher = new MessageCipher(KEY, APP_ID);
    qt().withExamples(300).forAll(anyText(200)).checkAssert(encrypt -> onlyInvalidCallback(() -> cipher.decrypt(encrypt)));
  }

  @Test
  void parsing_arbitrary_bytes_throws_nothing_but_invalid_callback() {
    PushXmlReader reader = new PushXmlReader(65536);
    qt().withExamples(500).forAll(bodies()).checkAssert(body -> onlyInvalidCallback(() -> reader.read(body)));
  }

  @Test
  void decoding_arbitrary_requests_throws_nothing_but_invalid_callback() {
    qt().withExamples(500).forAll(queries(), bodies()).checkAssert((query, body) -> {
      onlyInvalidCallback(() -> plainDecoder.decode(query, body));
      onlyInvalidCallback(() -> safeDecoder.decode(query, body));
    });
  }

  @Test
  void arbitrary_requests_are_refused_and_reach_no_listener() {
    qt().withExamples(500).forAll(methods(), queries(), bodies()).checkAssert((method, query, body) -> {
      for (WeChatCallbackHandler handler : List.of(plain, safe)) {
        assertThat(handler.handle(method, query, body).status()).isBetween(400, 499);
      }
      assertThat(recorder.calls).hasValue(0);
    });
  }

  @Test
  void correctly_signed_garbage_never_gets_a_2xx_with_a_listener_call() {
    qt().withExamples(300).forAll(xmlish()).checkAssert(body -> {
      int before = recorder.calls.get();
      CallbackResponse answer = SignedRequest.plain(clock, body).postTo(plain);
      assertThat(answer.isSuccess() && recorder.calls.get() > before).as("2xx after a listener call").isFalse();
    });
  }

  @Test
  void correctly_encrypted_and_signed_garbage_never_gets_a_2xx_with_a_listener_call() {
    qt().withExamples(300).forAll(xmlish()).checkAssert(inner -> {
      int before = recorder.calls.get();
      CallbackResponse answer = SignedRequest.safe(clock, inner).postTo(safe);
      assertThat(answer.isSuccess() && recorder.calls.get() > before).as("2xx after a listener call").isFalse();
    });
  }

  private static InvalidCallback onlyInvalidCallback(Runnable step) {
    try {
      step.run();
      return null;
    } catch (InvalidCallback expected) {
      return expected;
    }
  }

  /** Any UTF-16 text, unpaired surrogates and controls included. */
  private static Gen<String> anyText(int maxLength) {
    return strings().allPossible().ofLengthBetween(0, maxLength);
  }

  private static Gen<String> appIds() {
    return strings().allPossible().ofLengthBetween(1, 24).assuming(id -> !id.isBlank());
  }

  private static Gen<byte[]> bytes(int maxLength) {
    return Generate.byteArrays(Generate.range(0, maxLength), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
  }

  private static Gen<String> xmlish() {
    Gen<String> tokens = Generate.pick(List.of("<xml>", "</xml>", "<ToUserName>", "</ToUserName>",
        "<FromUserName>", "</FromUserName>", "<CreateTime>", "</CreateTime>", "<MsgType>", "</MsgType>", "<Event>",
        "</Event>", "<EventKey>", "</EventKey>", "<Ticket>", "</Ticket>", "<Encrypt>", "</Encrypt>", "<![CDATA[",
        "]]>", "&amp;", "&xxe;", "&#0;", "&#x1F600;", "<!DOCTYPE xml [", "<!ENTITY e SYSTEM \"file:///etc/passwd\">",
        "]>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>", "<!--", "-->", "event", "SCAN", "subscribe", "qrscene_",
        "123", "1767225600", "\u0000", "\uD83D\uDE00", "\uD800", " ", "<", ">", "\"", "=", "/"));
    return lists().of(Generate.oneOf(tokens, anyText(8))).ofSizeBetween(0, 40).map(parts -> String.join("", parts));
  }

  private static Gen<byte[]> bodies() {
    return Generate.oneOf(bytes(300), xmlish().map(text -> text.getBytes(StandardCharsets.UTF_8)),
        xmlish().map(text -> text.getBytes(StandardCharsets.UTF_16)));
  }

  private static Gen<Map<String, String>> queries() {
    Gen<String> names = Generate.oneOf(Generate.pick(List.of("timestamp", "nonce", "signature", "msg_signature",
        "encrypt_type", "echostr", "openid")), anyText(12));
    Gen<String> values = Generate.oneOf(anyText(50),
        Generate.pick(List.of("aes", "raw", "", "1767225600", "1767225000", "-1", "99999999999999999999")),
        strings().betweenCodePoints('0', '9').ofLengthBetween(1, 14),
        strings().betweenCodePoints('0', 'f').ofLength(40));
    return maps().of(names, values).ofSizeBetween(0, 8);
  }

  private static Gen<String> methods() {
    return Generate.oneOf(Generate.pick(List.of("GET", "POST", "PUT", "HEAD")),
        strings().basicLatinAlphabet().ofLengthBetween(0, 6));
  }
}
