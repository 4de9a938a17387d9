package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CallbackResponseTest {

  @Test
  void success_is_200_with_the_word_wechat_expects() {
    assertThat(CallbackResponse.success()).isEqualTo(new CallbackResponse(200, "success"));
    assertThat(CallbackResponse.success().isSuccess()).isTrue();
  }

  @Test
  void only_2xx_is_success() {
    assertThat(new CallbackResponse(199, "x").isSuccess()).isFalse();
    assertThat(new CallbackResponse(299, "x").isSuccess()).isTrue();
    assertThat(new CallbackResponse(300, "x").isSuccess()).isFalse();
    assertThat(new CallbackResponse(500, "x").isSuccess()).isFalse();
  }

  @Test
  void the_body_is_sent_as_utf8_plain_text() {
    assertThat(new CallbackResponse(400, "门店 \uD83D\uDE00").bodyBytes())
        .isEqualTo("门店 \uD83D\uDE00".getBytes(StandardCharsets.UTF_8));
    assertThat(CallbackResponse.CONTENT_TYPE).isEqualTo("text/plain; charset=utf-8");
  }

  @Test
  void the_status_is_an_http_status_and_the_body_is_present() {
    assertThatThrownBy(() -> new CallbackResponse(99, "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CallbackResponse(600, "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CallbackResponse(200, null)).isInstanceOf(NullPointerException.class);
  }
}
