package io.github.wechatqr.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Against vectors published by others (none was produced by this library): they check the receiving
 * adapter and the testkit's fake at once, since both sign with this class.
 */
class CallbackSignatureTest {
  /** wechatpy/wechatpy tests/test_utils.py: check_signature("test", "1410685589", "test"). */
  private static final String[] F1 = {"test", "1410685589", "test", "f21891de399b4e33a1a93c9a7b8a8fffb5a443ff"};

  /**
   * Tencent's Official Account sample (Sample.py, "Author: jonyqin", 2014), as copied verbatim in
   * charlesXu86/Chatbot_CN Chatbot_Web/impl/weixin/Sample.py at 7e1cd5c26b67e8679160d65faa35792b9bcf76f6.
   */
  private static final String SAMPLE_ENCRYPT = "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3"
      + "+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZ"
      + "kyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavj"
      + "IQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQ"
      + "l+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=";

  /** wechatpy/wechatpy tests/test_crypto.py (last changed in cbf53e06): check_signature of an echostr. */
  private static final String WECHATPY_ECHOSTR =
      "4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==";

  @Test
  void the_plain_signature_is_sha1_of_token_timestamp_and_nonce_sorted() {
    assertThat(CallbackSignature.of(F1[0], F1[1], F1[2])).isEqualTo(F1[3]);
    assertThat(CallbackSignature.matches(F1[3], F1[2], F1[0], F1[1])).isTrue();
  }

  @Test
  void msg_signature_adds_the_encrypt_value() {
    assertThat(CallbackSignature.of("spamtest", "1409735669", "1320562132", SAMPLE_ENCRYPT))
        .isEqualTo("5d197aaffba7e9b25a30732f161a50dee96bd5fa");
    assertThat(CallbackSignature.matches("dd6b9c95b495b3f7e2901bfbc76c664930ffdb96",
        WECHATPY_ECHOSTR, "437374425", "1411443780", "123456")).isTrue();
  }

  @Test
  void wechatpys_negative_twin_with_its_last_digit_changed_does_not_match() {
    assertThat(CallbackSignature.matches("f21891de399b4e33a1a93c9a7b8a8fffb5a443fe", F1[0], F1[1], F1[2]))
        .isFalse();
  }

  @Test
  void a_signature_in_upper_case_hex_is_the_same_signature() {
    assertThat(CallbackSignature.matches(F1[3].toUpperCase(java.util.Locale.ROOT), F1[0], F1[1], F1[2])).isTrue();
  }

  @Test
  void a_signature_over_other_parts_or_of_another_length_does_not_match() {
    assertThat(CallbackSignature.matches(F1[3], "other-token", F1[1], F1[2])).isFalse();
    assertThat(CallbackSignature.matches(F1[3].substring(1), F1[0], F1[1], F1[2])).isFalse();
    assertThat(CallbackSignature.matches("", F1[0], F1[1], F1[2])).isFalse();
    assertThat(CallbackSignature.matches(F1[3] + "00", F1[0], F1[1], F1[2])).isFalse();
  }

  @Test
  void signing_leaves_the_callers_array_in_its_order() {
    String[] parts = {"c", "a", "b"};
    CallbackSignature.of(parts);
    assertThat(parts).containsExactly("c", "a", "b");
  }
}
