package io.github.wechatqr.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestKeyTest {
  private static final Duration HOUR = Duration.ofHours(1);

  private static RequestKey keyOf(QrCodeRequest request, String ticket) {
    Instant now = Instant.parse("2026-03-01T00:00:00Z");
    QrCode code = new QrCode(request, new Ticket(ticket), "http://weixin.qq.com/q/" + ticket, now,
        request.isPermanent() ? null : now.plus(request.lifetime()));
    return CompactCode.of(0, code).requestKey();
  }

  @Test
  void a_stored_code_and_a_probe_for_its_request_are_equal_whatever_the_ticket() {
    QrCodeRequest request = QrCodeRequest.temporary(SceneValue.of("中文 scene"), HOUR);
    RequestKey stored = keyOf(request, "gQH+AAB/x==");
    assertThat(CompactCode.probe(0, request)).isEqualTo(stored).hasSameHashCodeAs(stored);
    assertThat(keyOf(request, "another")).isEqualTo(stored);
  }

  @Test
  void requests_differing_in_account_scene_kind_value_or_lifetime_are_different_keys() {
    RequestKey id = CompactCode.probe(0, QrCodeRequest.temporary(SceneValue.of(123), HOUR));
    assertThat(id)
        .isNotEqualTo(CompactCode.probe(0, QrCodeRequest.temporary(SceneValue.of("123"), HOUR)))
        .isNotEqualTo(CompactCode.probe(0, QrCodeRequest.temporary(SceneValue.of(124), HOUR)))
        .isNotEqualTo(CompactCode.probe(0, QrCodeRequest.temporary(SceneValue.of(123), HOUR.plusSeconds(1))))
        .isNotEqualTo(CompactCode.probe(0, QrCodeRequest.permanent(SceneValue.of(123))))
        .isNotEqualTo(CompactCode.probe(0, new Ticket("x")))
        .isNotEqualTo(CompactCode.probe(1, QrCodeRequest.temporary(SceneValue.of(123), HOUR)))
        .isEqualTo(id);
    assertThat(CompactCode.probe(0, QrCodeRequest.permanent(SceneValue.of("a"))))
        .isNotEqualTo(CompactCode.probe(0, QrCodeRequest.permanent(SceneValue.of("b"))));
  }

  @Test
  void to_string_shows_only_the_size() {
    assertThat(CompactCode.probe(0, QrCodeRequest.permanent(SceneValue.of(5)))).hasToString("RequestKey[2 bytes]");
  }
}
