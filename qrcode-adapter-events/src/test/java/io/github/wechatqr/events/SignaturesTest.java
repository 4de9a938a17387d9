package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.events.PublishedVectors.Sample;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Against the published vectors of {@link PublishedVectors} (sources cited there). */
class SignaturesTest {

  @ParameterizedTest
  @MethodSource("io.github.wechatqr.events.PublishedVectors#all")
  void msg_signature_is_sha1_of_token_timestamp_nonce_and_encrypt_sorted(Sample s) {
    assertThat(Signatures.sign(s.token(), s.timestamp(), s.nonce(), s.encrypt())).isEqualTo(s.msgSignature());
    assertThat(Signatures.matches(s.msgSignature(), s.encrypt(), s.nonce(), s.timestamp(), s.token())).isTrue();
  }

  @Test
  void plain_signature_matches_wechatpy_vector_F1_and_rejects_its_negative_twin() {
    String[] f1 = PublishedVectors.F1;
    assertThat(Signatures.sign(f1[0], f1[1], f1[2])).isEqualTo(f1[3]);
    assertThat(Signatures.matches(f1[3], f1[0], f1[1], f1[2])).isTrue();
    // wechatpy's negative case: the same signature with its last digit changed.
    assertThat(Signatures.matches("f21891de399b4e33a1a93c9a7b8a8fffb5a443fe", f1[0], f1[1], f1[2])).isFalse();
  }

  @Test
  void a_signature_in_upper_case_hex_is_the_same_signature() {
    String[] f1 = PublishedVectors.F1;
    assertThat(Signatures.matches(f1[3].toUpperCase(), f1[0], f1[1], f1[2])).isTrue();
  }

  @Test
  void a_signature_over_other_parts_or_of_another_length_does_not_match() {
    String[] f1 = PublishedVectors.F1;
    assertThat(Signatures.matches(f1[3], "other-token", f1[1], f1[2])).isFalse();
    assertThat(Signatures.matches(f1[3].substring(1), f1[0], f1[1], f1[2])).isFalse();
    assertThat(Signatures.matches("", f1[0], f1[1], f1[2])).isFalse();
    assertThat(Signatures.matches(f1[3] + "00", f1[0], f1[1], f1[2])).isFalse();
  }
}
