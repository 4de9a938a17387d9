package io.github.wechatqr.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WeChatApiExceptionTest {

  @ParameterizedTest
  @CsvSource({
      "40001, AccessTokenRejected", "42001, AccessTokenRejected", "40014, AccessTokenRejected",
      "41001, AccessTokenRejected",
      "40013, CredentialsRejected", "40125, CredentialsRejected", "40164, CredentialsRejected",
      "45009, QuotaExceeded", "45011, QuotaExceeded", "45029, QuotaExceeded",
      "-1, WeChatApiException", "40053, WeChatApiException", "40097, WeChatApiException",
      "48001, WeChatApiException", "99999, WeChatApiException"})
  void each_errcode_maps_to_its_intent(int errcode, String type) {
    WeChatApiException error = WeChatApiException.of(errcode, "msg");
    assertThat(error.getClass().getSimpleName()).isEqualTo(type);
    assertThat(error.errcode()).isEqualTo(errcode);
    assertThat(error.errmsg()).isEqualTo("msg");
    assertThat(error).hasMessage("WeChat refused: errcode " + errcode + " (msg)");
  }

  @ParameterizedTest
  @ValueSource(ints = {40001, 42001, 40014})
  void a_stale_token_may_be_cured_by_a_refresh(int errcode) {
    assertThat(((AccessTokenRejected) WeChatApiException.of(errcode, "")).stale()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {41001})
  void a_missing_token_is_a_client_bug_no_refresh_cures(int errcode) {
    assertThat(((AccessTokenRejected) WeChatApiException.of(errcode, "")).stale()).isFalse();
  }

  @org.junit.jupiter.api.Test
  void system_busy_is_a_try_again_later_failure_that_keeps_its_errcode() {
    QrCodeException busy = WeChatApiException.failure(-1, "system error");
    assertThat(busy).isInstanceOf(UpstreamUnavailable.class).hasMessageContaining("errcode -1 (system error)");
    assertThat(((UpstreamUnavailable) busy).errcode()).hasValue(-1);
  }

  @ParameterizedTest
  @ValueSource(ints = {40001, 40125, 45009, 40097, 99999})
  void every_other_errcode_is_a_refusal(int errcode) {
    assertThat(WeChatApiException.failure(errcode, "msg")).isInstanceOf(WeChatApiException.class)
        .hasMessage("WeChat refused: errcode " + errcode + " (msg)");
  }

  @org.junit.jupiter.api.Test
  void a_failure_below_the_protocol_has_no_errcode() {
    assertThat(new UpstreamUnavailable("connection refused").errcode()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"45029, true", "45009, false", "45011, false"})
  void the_permanent_code_limit_is_told_apart(int errcode, boolean limit) {
    assertThat(((QuotaExceeded) WeChatApiException.of(errcode, "")).permanentCodeLimit()).isEqualTo(limit);
  }
}
