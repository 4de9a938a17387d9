package io.github.wechatqr.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentCodesTest {
  private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
  private int serial;

  private QrCode code(QrCodeRequest request) {
    serial++;
    return new QrCode(request, new Ticket("ticket-" + serial), "http://weixin.qq.com/q/" + serial, NOW,
        NOW.plus(request.lifetime()));
  }

  private static QrCodeRequest request(int scene) {
    return QrCodeRequest.temporary(SceneValue.of(scene), Duration.ofHours(1));
  }

  /** Three requests whose hashes pick the same set of two slots. */
  private static List<QrCodeRequest> sameSet(RecentCodes recent, int count) {
    List<QrCodeRequest> found = new ArrayList<>();
    int set = recent.set(0, request(1));
    for (int scene = 1; found.size() < count; scene++) {
      if (recent.set(0, request(scene)) == set) {
        found.add(request(scene));
      }
    }
    return found;
  }

  @Test
  void a_remembered_code_is_found_by_an_equal_request_and_names_its_packed_form() {
    RecentCodes recent = new RecentCodes(100_000);
    QrCode code = code(request(7));
    CompactCode packed = CompactCode.of(0, code);
    recent.remember(packed, code);
    RecentCodes.Entry entry = recent.find(0, request(7));
    assertThat(entry).isNotNull();
    assertThat(entry.code()).isSameAs(code);
    assertThat(entry.packed()).isSameAs(packed);
    assertThat(recent.find(0, request(8))).isNull();
  }

  @Test
  void a_set_keeps_two_requests_and_a_third_pushes_out_the_older() {
    RecentCodes recent = new RecentCodes(1_000);
    List<QrCodeRequest> requests = sameSet(recent, 3);
    List<QrCode> codes = requests.stream().map(this::code).toList();
    codes.forEach(code -> recent.remember(CompactCode.of(0, code), code));
    assertThat(recent.find(0, requests.get(0))).isNull();
    assertThat(recent.find(0, requests.get(1)).code()).isSameAs(codes.get(1));
    assertThat(recent.find(0, requests.get(2)).code()).isSameAs(codes.get(2));
  }

  @Test
  void remembering_a_request_again_replaces_its_entry_without_pushing_out_the_other() {
    RecentCodes recent = new RecentCodes(1_000);
    List<QrCodeRequest> requests = sameSet(recent, 2);
    QrCode other = code(requests.get(0));
    recent.remember(CompactCode.of(0, other), other);
    QrCode older = code(requests.get(1));
    recent.remember(CompactCode.of(0, older), older);
    QrCode newer = code(requests.get(1));
    recent.remember(CompactCode.of(0, newer), newer);
    assertThat(recent.find(0, requests.get(1)).code()).isSameAs(newer);
    assertThat(recent.find(0, requests.get(0)).code()).isSameAs(other);
  }

  @Test
  void the_slots_grow_with_the_size_bound_within_limits() {
    assertThat(new RecentCodes(0).slots()).isEqualTo(RecentCodes.MIN_SLOTS);
    assertThat(new RecentCodes(16_384).slots()).isEqualTo(1024);
    assertThat(new RecentCodes(20_000).slots()).isEqualTo(1024);
    assertThat(new RecentCodes(Long.MAX_VALUE).slots()).isEqualTo(RecentCodes.MAX_SLOTS);
  }
}
