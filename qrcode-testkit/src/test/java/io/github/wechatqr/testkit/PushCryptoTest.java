package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The fake's push crypto against vectors published with Tencent's sample code and major SDKs. */
class PushCryptoTest {

  /**
   * binarywang/WxJava, weixin-java-common/src/test/java/me/chanjar/weixin/common/util/crypto/WxCryptUtilTest.java
   * (4.7.2.B, commit 3e48dc7f): a fixed random prefix makes the ciphertext reproducible.
   */
  @Test
  void encryption_matches_the_wxjava_vector_byte_for_byte() {
    PushCrypto crypto = new PushCrypto("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
    String encrypt = crypto.encrypt("我是中文abcd123", "wxb11529c136998cb6",
        "aaaabbbbccccdddd".getBytes(StandardCharsets.UTF_8));
    assertThat(encrypt).isEqualTo(
        "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==");
  }

  /**
   * Tencent's Official Account sample (Sample.py, 2014), as copied verbatim in charlesXu86/Chatbot_CN
   * Chatbot_Web/impl/weixin/Sample.py at 7e1cd5c2: token "spamtest", the given Encrypt, timestamp and nonce.
   */
  @Test
  void msg_signature_matches_tencents_official_account_sample() {
    String encrypt = "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHF"
        + "VAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSny"
        + "U8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfR"
        + "d5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsN"
        + "PfUM669WuMyVWQLCzpu9GhglF2PE=";
    assertThat(PushCrypto.signature("spamtest", "1409735669", "1320562132", encrypt))
        .isEqualTo("5d197aaffba7e9b25a30732f161a50dee96bd5fa");
  }

  /** wechatpy/wechatpy tests/test_utils.py: check_signature("test", "1410685589", "test"). */
  @Test
  void the_plain_signature_matches_the_wechatpy_vector() {
    assertThat(PushCrypto.signature("test", "1410685589", "test"))
        .isEqualTo("f21891de399b4e33a1a93c9a7b8a8fffb5a443ff");
  }

  @Test
  void random_prefixes_make_every_ciphertext_different() {
    PushCrypto crypto = new PushCrypto("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
    assertThat(crypto.encrypt("<xml/>", "wx1")).isNotEqualTo(crypto.encrypt("<xml/>", "wx1"));
  }

  @Test
  void an_encoding_aes_key_has_43_characters() {
    assertThatThrownBy(() -> new PushCrypto("short")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PushCrypto(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
