package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The secrets' rules hold for every user of the handler's builder, named by option and never quoted. */
class CallbackSecretsTest {
  private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

  @Test
  void a_token_is_3_to_32_letters_or_digits() {
    assertThat(WeChatCallbackHandler.builder().token("abc").token("A1".repeat(16))).isNotNull();
    for (String bad : List.of("ab", "A1".repeat(16) + "x", "with space", "dash-ed", "汉字汉字")) {
      assertThatThrownBy(() -> WeChatCallbackHandler.builder().token(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("token must be 3..32 letters or digits, like the Token of the account's server settings; "
              + "it has " + bad.length() + " characters");
    }
    assertThatThrownBy(() -> WeChatCallbackHandler.builder().token(null))
        .hasMessageStartingWith("token must be set");
  }

  @Test
  void an_encoding_aes_key_is_43_base64_characters_and_is_never_quoted() {
    String shortKey = KEY.substring(1);
    String badChars = "-_" + KEY.substring(2);

    assertThat(WeChatCallbackHandler.builder().encodingAesKey(KEY, "wx1234567890abcdef")).isNotNull();
    assertThatThrownBy(() -> WeChatCallbackHandler.builder().encodingAesKey(shortKey, "wx1"))
        .hasMessage("encodingAesKey must be 43 characters of base64, as the account's server settings show it; "
            + "it has 42 characters");
    assertThatThrownBy(() -> WeChatCallbackHandler.builder().encodingAesKey(badChars, "wx1"))
        .hasMessage("encodingAesKey must be 43 characters of base64 (A-Z a-z 0-9 + /); it holds other characters")
        .hasNoCause();
  }

  @Test
  void an_encrypted_account_names_its_appid() {
    for (String blank : new String[] {null, "", " "}) {
      assertThatThrownBy(() -> WeChatCallbackHandler.builder().encodingAesKey(KEY, blank))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("appId must be set with an encodingAesKey");
    }
  }
}
