package io.github.wechatqr.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QrTypeTest {

  @Test
  void the_type_follows_from_lifetime_and_scene_kind() {
    assertThat(QrType.of(false, SceneValue.of(1))).isEqualTo(QrType.TEMPORARY_ID);
    assertThat(QrType.of(false, SceneValue.of("s"))).isEqualTo(QrType.TEMPORARY_STR);
    assertThat(QrType.of(true, SceneValue.of(1))).isEqualTo(QrType.PERMANENT_ID);
    assertThat(QrType.of(true, SceneValue.of("s"))).isEqualTo(QrType.PERMANENT_STR);
  }

  @Test
  void each_type_carries_the_action_name_wechat_expects() {
    assertThat(QrType.TEMPORARY_ID.actionName()).isEqualTo("QR_SCENE");
    assertThat(QrType.TEMPORARY_STR.actionName()).isEqualTo("QR_STR_SCENE");
    assertThat(QrType.PERMANENT_ID.actionName()).isEqualTo("QR_LIMIT_SCENE");
    assertThat(QrType.PERMANENT_STR.actionName()).isEqualTo("QR_LIMIT_STR_SCENE");
  }

  @Test
  void only_limit_types_are_permanent() {
    assertThat(QrType.TEMPORARY_ID.isPermanent()).isFalse();
    assertThat(QrType.TEMPORARY_STR.isPermanent()).isFalse();
    assertThat(QrType.PERMANENT_ID.isPermanent()).isTrue();
    assertThat(QrType.PERMANENT_STR.isPermanent()).isTrue();
  }
}
