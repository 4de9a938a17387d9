package io.github.wechatqr.cli;

import io.github.wechatqr.domain.SceneValue;

/**
 * One scene of a batch input file.
 *
 * @param line the line number in the input, for messages
 * @param scene the scene text
 * @param forceString true when the row says {@code str}: a numeric scene is an id otherwise
 */
record BatchRow(int line, String scene, boolean forceString) {

  /** Whether the scene becomes a {@code scene_id}: numeric (canonical int form) and not forced to string. */
  boolean isId() {
    if (forceString || scene.isEmpty() || scene.length() > 11) {
      return false;
    }
    try {
      return Integer.toString(Integer.parseInt(scene)).equals(scene);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** @throws io.github.wechatqr.domain.InvalidQrCodeRequest if the scene breaks a rule */
  SceneValue sceneValue() {
    return isId() ? SceneValue.of(Integer.parseInt(scene)) : SceneValue.of(scene);
  }

  /** The manifest's type label, known even when the scene itself is invalid. */
  String typeLabel(boolean permanent) {
    return (permanent ? "PERMANENT_" : "TEMPORARY_") + (isId() ? "ID" : "STR");
  }
}
