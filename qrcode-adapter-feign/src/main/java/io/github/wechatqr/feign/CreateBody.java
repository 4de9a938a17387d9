package io.github.wechatqr.feign;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;

/**
 * The body of {@code /cgi-bin/qrcode/create}, in the field order of the spec. A temporary code always
 * sends {@code expire_seconds} (WeChat would silently use 30 s); a permanent one never does.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"expire_seconds", "action_name", "action_info"})
record CreateBody(
    @JsonProperty("expire_seconds") Long expireSeconds,
    @JsonProperty("action_name") String actionName,
    @JsonProperty("action_info") ActionInfo actionInfo) {

  static CreateBody of(QrCodeRequest request) {
    Scene scene = request.scene() instanceof SceneValue.Id id
        ? new Scene(id.value(), null)
        : new Scene(null, request.scene().text());
    Long expire = request.isPermanent() ? null : request.lifetime().toSeconds();
    return new CreateBody(expire, request.type().actionName(), new ActionInfo(scene));
  }

  /** {@code {"scene": ...}}. */
  record ActionInfo(@JsonProperty("scene") Scene scene) {}

  /** Exactly one of the two is present. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"scene_id", "scene_str"})
  record Scene(@JsonProperty("scene_id") Integer sceneId, @JsonProperty("scene_str") String sceneStr) {}
}
