package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QrCodeLayoutTest {
  private static final Instant ISSUED = Instant.parse("2026-03-01T00:00:00.123456789Z");

  private static Map<String, String> fields(QrCode code, String name, String value) {
    Map<String, String> fields = new HashMap<>(QrCodeLayout.write(code));
    if (value == null) {
      fields.remove(name);
    } else {
      fields.put(name, value);
    }
    return fields;
  }

  private static QrCode temporary() {
    return new QrCode(QrCodeRequest.temporary(SceneValue.of(Integer.MIN_VALUE), Duration.ofSeconds(2_592_000)),
        new Ticket("gQH+/x=="), "http://weixin.qq.com/q/t", ISSUED, ISSUED.plusSeconds(2_592_000));
  }

  private static QrCode permanent() {
    return new QrCode(QrCodeRequest.permanent(SceneValue.of("\uD83D\uDE00 <&> 中文:x")), new Ticket("gQP=="),
        "http://weixin.qq.com/q/p", ISSUED, null);
  }

  @Test
  void every_field_survives_a_round_trip_to_the_nanosecond() throws Exception {
    assertThat(QrCodeLayout.read(QrCodeLayout.write(temporary()))).isEqualTo(temporary());
    assertThat(QrCodeLayout.read(QrCodeLayout.write(permanent()))).isEqualTo(permanent());
  }

  @Test
  void the_v1_layout_uses_wechats_field_names() {
    assertThat(QrCodeLayout.write(temporary())).containsOnlyKeys("v", "scene_id", "expire_seconds", "ticket", "url",
        "issued_at", "expires_at").containsEntry("v", "1").containsEntry("scene_id", "-2147483648")
        .containsEntry("expire_seconds", "2592000").containsEntry("issued_at", "2026-03-01T00:00:00.123456789Z");
    assertThat(QrCodeLayout.write(permanent())).containsOnlyKeys("v", "scene_str", "ticket", "url", "issued_at");
  }

  @Test
  void a_newer_layout_version_is_refused_with_a_reason_that_says_so() {
    assertThatThrownBy(() -> QrCodeLayout.read(fields(temporary(), "v", "7")))
        .isInstanceOf(UnreadableEntry.class)
        .hasMessage("written by a newer release (layout v7; this release reads v1)");
  }

  @Test
  void each_kind_of_corruption_is_refused_with_its_reason() {
    assertThatThrownBy(() -> QrCodeLayout.read(fields(temporary(), "scene_id", null)))
        .hasMessage("exactly one of 'scene_id' and 'scene_str' must be present");
    assertThatThrownBy(() -> QrCodeLayout.read(fields(temporary(), "scene_str", "also")))
        .hasMessage("exactly one of 'scene_id' and 'scene_str' must be present");
    assertThatThrownBy(() -> QrCodeLayout.read(fields(temporary(), "scene_id", "99999999999")))
        .hasMessage("the scene or lifetime breaks the request rules");
    assertThatThrownBy(() -> QrCodeLayout.read(fields(temporary(), "expire_seconds", "2592001")))
        .hasMessage("the scene or lifetime breaks the request rules");
    assertThatThrownBy(() -> QrCodeLayout.read(fields(temporary(), "expire_seconds", "soon")))
        .hasMessage("field 'expire_seconds' is not a whole number");
    assertThatThrownBy(() -> QrCodeLayout.read(fields(temporary(), "expires_at", null)))
        .hasMessage("field 'expires_at' is missing");
    assertThatThrownBy(() -> QrCodeLayout.read(fields(temporary(), "issued_at", "2026-03-01")))
        .hasMessage("field 'issued_at' is not an ISO-8601 instant");
    assertThatThrownBy(() -> QrCodeLayout.read(fields(temporary(), "ticket", " ")))
        .hasMessage("the fields do not make a valid code");
    assertThatThrownBy(() -> QrCodeLayout.read(fields(temporary(), "expires_at", ISSUED.toString())))
        .hasMessage("the fields do not make a valid code");
  }
}
