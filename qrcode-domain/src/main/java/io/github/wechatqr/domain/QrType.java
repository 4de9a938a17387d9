package io.github.wechatqr.domain;

/**
 * The four kinds of parametric QR code, each with the {@code action_name} WeChat expects. Derived from the
 * lifetime and the scene's kind by {@link #of(boolean, SceneValue)}; never chosen on its own.
 */
public enum QrType {
  /** Temporary code with a numeric scene. */
  TEMPORARY_ID("QR_SCENE"),
  /** Temporary code with a string scene. */
  TEMPORARY_STR("QR_STR_SCENE"),
  /** Permanent code with a numeric scene (1..100000). */
  PERMANENT_ID("QR_LIMIT_SCENE"),
  /** Permanent code with a string scene. */
  PERMANENT_STR("QR_LIMIT_STR_SCENE");

  private final String actionName;

  QrType(String actionName) {
    this.actionName = actionName;
  }

  /**
   * Returns the code type for a lifetime and a scene.
   *
   * @param permanent whether the code never expires
   * @param scene the scene value
   * @return the type for that combination
   */
  public static QrType of(boolean permanent, SceneValue scene) {
    boolean id = scene instanceof SceneValue.Id;
    if (permanent) {
      return id ? PERMANENT_ID : PERMANENT_STR;
    }
    return id ? TEMPORARY_ID : TEMPORARY_STR;
  }

  /** Returns the {@code action_name} of the create call, e.g. {@code QR_LIMIT_STR_SCENE}. */
  public String actionName() {
    return actionName;
  }

  /** Returns whether codes of this type never expire. */
  public boolean isPermanent() {
    return this == PERMANENT_ID || this == PERMANENT_STR;
  }
}
