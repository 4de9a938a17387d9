package io.github.wechatqr.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QrCodeRequestTest {
  private static final Duration WEEK = Duration.ofDays(7);

  @ParameterizedTest
  @ValueSource(ints = {Integer.MIN_VALUE, -1, 1, Integer.MAX_VALUE})
  void a_temporary_scene_id_is_any_non_zero_int(int id) {
    QrCodeRequest request = QrCodeRequest.temporary(SceneValue.of(id), WEEK);
    assertThat(request.type()).isEqualTo(QrType.TEMPORARY_ID);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 100_000})
  void a_permanent_scene_id_is_within_1_to_100000(int id) {
    QrCodeRequest request = QrCodeRequest.permanent(SceneValue.of(id));
    assertThat(request.type()).isEqualTo(QrType.PERMANENT_ID);
    assertThat(request.isPermanent()).isTrue();
    assertThat(request.lifetime()).isNull();
  }

  @ParameterizedTest
  @ValueSource(ints = {100_001, -1, Integer.MIN_VALUE, Integer.MAX_VALUE})
  void a_permanent_scene_id_outside_1_to_100000_is_rejected(int id) {
    assertThatThrownBy(() -> QrCodeRequest.permanent(SceneValue.of(id)))
        .isInstanceOf(InvalidQrCodeRequest.class)
        .hasMessage("scene_id must be 1..100000 for a permanent code, was " + id)
        .extracting(e -> ((InvalidQrCodeRequest) e).field()).isEqualTo("scene_id");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2_592_000})
  void a_temporary_lifetime_is_1_second_to_30_days(long seconds) {
    QrCodeRequest request = QrCodeRequest.temporary(SceneValue.of("s"), Duration.ofSeconds(seconds));
    assertThat(request.lifetime()).hasSeconds(seconds);
    assertThat(request.isPermanent()).isFalse();
    assertThat(request.type()).isEqualTo(QrType.TEMPORARY_STR);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, 2_592_001, Long.MAX_VALUE})
  void a_temporary_lifetime_outside_the_range_is_rejected(long seconds) {
    assertThatThrownBy(() -> QrCodeRequest.temporary(SceneValue.of(1), Duration.ofSeconds(seconds)))
        .isInstanceOf(InvalidQrCodeRequest.class)
        .hasMessage("expire_seconds must be whole seconds in 1..2592000 (PT1S..PT720H), was "
            + Duration.ofSeconds(seconds));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 500_000_000, 999_999_999})
  void a_sub_second_lifetime_is_rejected_not_rounded(long nanos) {
    assertThatThrownBy(() -> QrCodeRequest.temporary(SceneValue.of(1), Duration.ofSeconds(60, nanos)))
        .isInstanceOf(InvalidQrCodeRequest.class)
        .hasMessageContaining("whole seconds");
    assertThatThrownBy(() -> QrCodeRequest.temporary(SceneValue.of(1), Duration.ofNanos(nanos)))
        .isInstanceOf(InvalidQrCodeRequest.class);
  }

  @Test
  void missing_parts_are_rejected_as_invalid_requests() {
    assertThatThrownBy(() -> QrCodeRequest.temporary(SceneValue.of(1), null))
        .isInstanceOf(InvalidQrCodeRequest.class).hasMessageContaining("expire_seconds");
    assertThatThrownBy(() -> QrCodeRequest.permanent(null))
        .isInstanceOf(InvalidQrCodeRequest.class).hasMessage("scene must be present, was null");
  }

  @Test
  void requests_with_the_same_scene_and_lifetime_are_equal_and_reuse_one_key() {
    assertThat(QrCodeRequest.temporary(SceneValue.of(7), WEEK))
        .isEqualTo(QrCodeRequest.temporary(SceneValue.of(7), Duration.ofSeconds(604_800)))
        .isNotEqualTo(QrCodeRequest.temporary(SceneValue.of(7), Duration.ofDays(6)))
        .isNotEqualTo(QrCodeRequest.temporary(SceneValue.of("7"), WEEK))
        .isNotEqualTo(QrCodeRequest.permanent(SceneValue.of(7)));
  }

  @Test
  void the_error_exposes_the_broken_rule() {
    InvalidQrCodeRequest error = new InvalidQrCodeRequest("scene_id", 0, "non-zero");
    assertThat(error).isInstanceOf(QrCodeException.class);
    assertThat(error.field()).isEqualTo("scene_id");
    assertThat(error.allowed()).isEqualTo("non-zero");
  }
}
