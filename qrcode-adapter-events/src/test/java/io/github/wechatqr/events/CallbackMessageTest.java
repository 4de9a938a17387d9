package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallbackMessageTest {
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void event_fields_are_optional() {
    CallbackMessage text = new CallbackMessage("gh", "o", AT, "text", null, null, "<xml/>");
    assertThat(text.event()).isNull();
    assertThat(text.eventKey()).isNull();
  }

  @Test
  void the_fields_every_push_carries_are_required() {
    assertThatThrownBy(() -> new CallbackMessage("", "o", AT, "text", null, null, "<xml/>"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("account must be present");
    assertThatThrownBy(() -> new CallbackMessage("gh", null, AT, "text", null, null, "<xml/>"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("openId must be present");
    assertThatThrownBy(() -> new CallbackMessage("gh", "o", AT, "", null, null, "<xml/>"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("msgType must be present");
    assertThatThrownBy(() -> new CallbackMessage("gh", "o", null, "text", null, null, "<xml/>"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new CallbackMessage("gh", "o", AT, "text", null, null, null))
        .isInstanceOf(NullPointerException.class);
  }
}
