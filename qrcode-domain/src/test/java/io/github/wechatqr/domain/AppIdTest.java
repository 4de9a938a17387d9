package io.github.wechatqr.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AppIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"wx1234567890abcdef", "wxshop", "a", "wx_test.account-2"})
  void an_appid_of_key_safe_characters_is_kept_as_it_is(String value) {
    assertThat(AppId.of(value).value()).isEqualTo(value);
    assertThat(AppId.of(value)).hasToString(value).isEqualTo(new AppId(value));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "wx 1", "wx:1", "wx/1", "wx\n1", "中文"})
  void an_appid_outside_the_allowed_characters_is_refused_naming_the_field(String value) {
    assertThatThrownBy(() -> AppId.of(value)).isInstanceOf(InvalidQrCodeRequest.class)
        .hasMessageStartingWith("appId must be 1..64 characters of A-Z a-z 0-9 _ . -")
        .extracting(e -> ((InvalidQrCodeRequest) e).field()).isEqualTo("appId");
  }

  @org.junit.jupiter.api.Test
  void an_appid_is_at_most_sixty_four_characters() {
    assertThat(AppId.of("w".repeat(64)).value()).hasSize(64);
    assertThatThrownBy(() -> AppId.of("w".repeat(65))).isInstanceOf(InvalidQrCodeRequest.class);
  }
}
