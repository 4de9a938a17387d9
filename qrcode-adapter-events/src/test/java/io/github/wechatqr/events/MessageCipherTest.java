package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.InvalidCallback;
import io.github.wechatqr.events.PublishedVectors.Sample;
import io.github.wechatqr.testkit.PushCrypto;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decryption against the published vectors of {@link PublishedVectors} (sources cited there), and the
 * strictness of padding, length and appid checks. Ciphertexts come from the vectors or from the testkit's
 * {@link PushCrypto}; bad ones are made by CBC's malleability: flipping a bit of one ciphertext block flips
 * the same bit of the next plaintext block.
 */
class MessageCipherTest {
  private static final String KEY = SignedRequest.AES_KEY;
  private static final String APP_ID = SignedRequest.APP_ID;

  @ParameterizedTest
  @MethodSource("io.github.wechatqr.events.PublishedVectors#all")
  void decrypts_the_published_samples_to_their_published_plaintext(Sample s) {
    byte[] plain = new MessageCipher(s.encodingAesKey(), s.appId()).decrypt(s.encrypt());
    assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(s.plain());
  }

  @ParameterizedTest
  @MethodSource("io.github.wechatqr.events.PublishedVectors#all")
  void refuses_the_published_samples_for_another_appid(Sample s) {
    MessageCipher other = new MessageCipher(s.encodingAesKey(), s.appId() + "x");
    assertThatThrownBy(() -> other.decrypt(s.encrypt()))
        .isInstanceOf(InvalidCallback.class).hasMessage("the ciphertext was made for another appid");
  }

  @Test
  void refuses_a_published_sample_under_another_key() {
    Sample a = PublishedVectors.A;
    MessageCipher wrongKey = new MessageCipher(PublishedVectors.D2.encodingAesKey(), a.appId());
    assertThatThrownBy(() -> wrongKey.decrypt(a.encrypt())).isInstanceOf(InvalidCallback.class);
  }

  @Test
  void round_trips_what_the_testkit_encrypts_including_utf8_and_emoji() {
    String xml = "<xml><Content><![CDATA[  门店 \uD83D\uDE00 ]]></Content></xml>";
    String encrypt = new PushCrypto(KEY).encrypt(xml, APP_ID);
    assertThat(new String(new MessageCipher(KEY, APP_ID).decrypt(encrypt), StandardCharsets.UTF_8)).isEqualTo(xml);
  }

  @Test
  void refuses_a_padding_byte_of_zero() {
    byte[] cipherText = valid();
    setPlainByte(cipherText, cipherText.length - 1, VALID_PAD, 0);
    assertThatThrownBy(() -> cipher().decrypt(encode(cipherText)))
        .isInstanceOf(InvalidCallback.class).hasMessage("cannot decrypt: bad padding");
  }

  @Test
  void refuses_a_padding_byte_above_32() {
    byte[] cipherText = valid();
    setPlainByte(cipherText, cipherText.length - 1, VALID_PAD, 33);
    assertThatThrownBy(() -> cipher().decrypt(encode(cipherText)))
        .isInstanceOf(InvalidCallback.class).hasMessage("cannot decrypt: bad padding");
  }

  @Test
  void refuses_padding_whose_bytes_disagree_with_its_last_byte() {
    byte[] cipherText = valid();
    setPlainByte(cipherText, cipherText.length - VALID_PAD, VALID_PAD, VALID_PAD ^ 1);
    assertThatThrownBy(() -> cipher().decrypt(encode(cipherText)))
        .isInstanceOf(InvalidCallback.class).hasMessage("cannot decrypt: bad padding");
  }

  @Test
  void refuses_a_length_field_that_points_past_the_message() {
    byte[] cipherText = valid();
    setPlainByte(cipherText, 16, 0, 0x40); // the length's high byte: 0x40000000 + 30
    assertThatThrownBy(() -> cipher().decrypt(encode(cipherText)))
        .isInstanceOf(InvalidCallback.class).hasMessage("cannot decrypt: the message length does not fit");
  }

  @Test
  void refuses_a_negative_length_field() {
    byte[] cipherText = valid();
    setPlainByte(cipherText, 16, 0, 0x80);
    assertThatThrownBy(() -> cipher().decrypt(encode(cipherText)))
        .isInstanceOf(InvalidCallback.class).hasMessage("cannot decrypt: the message length does not fit");
  }

  @Test
  void refuses_padding_that_leaves_no_room_for_the_header() {
    // 16 random bytes + a zero length + 12 bytes of padding 12: exactly one 32-byte block.
    byte[] cipherText = Base64.getDecoder().decode(new PushCrypto(KEY).encrypt("", ""));
    assertThat(cipherText).hasSize(32);
    // Make it 13 bytes of padding 13, eating the length's last byte.
    for (int i = 19; i < 32; i++) {
      setPlainByte(cipherText, i, i == 19 ? 0 : 12, 13);
    }
    assertThatThrownBy(() -> cipher().decrypt(encode(cipherText)))
        .isInstanceOf(InvalidCallback.class).hasMessage("cannot decrypt: the message is too short");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not base64!", "AAAA", "AAAAAAAAAAAAAAAAAAAAAA=="})
  void refuses_ciphertexts_that_are_not_base64_or_not_whole_32_byte_blocks(String encrypt) {
    assertThatThrownBy(() -> cipher().decrypt(encrypt)).isInstanceOf(InvalidCallback.class)
        .hasMessageStartingWith("cannot decrypt: Encrypt is not");
  }

  @Test
  void refuses_a_ciphertext_made_for_another_appid() {
    String encrypt = new PushCrypto(KEY).encrypt("<xml/>", "wxsomeoneelse00001");
    assertThatThrownBy(() -> cipher().decrypt(encrypt))
        .isInstanceOf(InvalidCallback.class).hasMessage("the ciphertext was made for another appid");
  }

  @Test
  void refuses_a_key_that_is_not_43_base64_characters_without_quoting_it() {
    String shortKey = "tooShortSecretKey";
    String badChars = "!!!!" + KEY.substring(4);
    assertThatThrownBy(() -> new MessageCipher(shortKey, APP_ID))
        .isInstanceOf(IllegalArgumentException.class).message().doesNotContain(shortKey);
    assertThatThrownBy(() -> new MessageCipher(badChars, APP_ID))
        .isInstanceOf(IllegalArgumentException.class).hasNoCause()
        .message().doesNotContain(badChars).doesNotContain("!");
    assertThatThrownBy(() -> new MessageCipher(KEY, " ")).isInstanceOf(IllegalArgumentException.class);
  }

  private static MessageCipher cipher() {
    return new MessageCipher(KEY, APP_ID);
  }

  private static final String XML = "<xml><Event>SCAN</Event></xml>";
  /** 16 + 4 + 30 + 16 = 66 bytes of message, so 30 bytes of padding up to 96. */
  private static final int VALID_PAD = 32 - (16 + 4 + XML.length() + APP_ID.length()) % 32;

  private static byte[] valid() {
    return Base64.getDecoder().decode(new PushCrypto(KEY).encrypt(XML, APP_ID));
  }

  private static String encode(byte[] cipherText) {
    return Base64.getEncoder().encodeToString(cipherText);
  }

  /**
   * Changes plaintext byte {@code index} (at least 16) from {@code from} to {@code to} by flipping the
   * byte 16 positions earlier in the ciphertext; the AES block holding that byte decrypts to garbage.
   */
  private static void setPlainByte(byte[] cipherText, int index, int from, int to) {
    cipherText[index - 16] ^= (byte) (from ^ to);
  }
}
