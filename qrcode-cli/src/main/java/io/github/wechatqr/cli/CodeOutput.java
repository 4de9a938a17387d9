package io.github.wechatqr.cli;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.SceneValue;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * How a created code is printed: aligned lines for people, or one JSON object for scripts. Both escape what
 * could drive a terminal ({@link Terminal}): the ticket and url come from WeChat or from Redis.
 */
final class CodeOutput {
  /** Every JSON the command prints goes through this mapper, so through {@link Terminal#JSON_ESCAPES}. */
  static final ObjectMapper JSON =
      new ObjectMapper(new JsonFactoryBuilder().characterEscapes(Terminal.JSON_ESCAPES).build());

  private CodeOutput() {}

  /** The documented keys: type, scene, ticket, url, expireSeconds, expiresAt, imageUrl. */
  static ObjectNode json(QrCode code, String imageUrl) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", code.type().name());
    if (code.request().scene() instanceof SceneValue.Id id) {
      node.put("scene", id.value());
    } else {
      node.put("scene", code.request().scene().text());
    }
    node.put("ticket", code.ticket().value());
    node.put("url", code.url());
    if (code.expiresAt() == null) {
      node.putNull("expireSeconds");
      node.putNull("expiresAt");
    } else {
      node.put("expireSeconds", Duration.between(code.issuedAt(), code.expiresAt()).toSeconds());
      node.put("expiresAt", code.expiresAt().toString());
    }
    node.put("imageUrl", imageUrl);
    return node;
  }

  /** A scan's scene as the event commands print it: {@code scene} and {@code sceneType} ({@code id|str}). */
  static void scene(ObjectNode json, SceneValue scene) {
    if (scene instanceof SceneValue.Id id) {
      json.put("scene", id.value());
      json.put("sceneType", "id");
    } else {
      json.put("scene", scene.text());
      json.put("sceneType", "str");
    }
  }

  static void human(PrintWriter out, QrCode code, String imageUrl) {
    out.printf("type      %s%n", code.type());
    out.printf("scene     %s%n", Terminal.text(code.request().scene().text()));
    out.printf("ticket    %s%n", Terminal.text(code.ticket().value()));
    out.printf("url       %s%n", Terminal.text(code.url()));
    out.printf("expires   %s%n", code.expiresAt() == null ? "never (permanent)"
        : code.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " ("
            + words(Duration.between(code.issuedAt(), code.expiresAt())) + " after it was issued)");
    out.printf("image     %s%n", Terminal.text(imageUrl));
  }

  static String words(Duration left) {
    long seconds = left.toSeconds();
    if (seconds >= 86_400 && seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds >= 3_600 && seconds % 3_600 == 0) {
      return seconds / 3_600 + "h";
    }
    if (seconds >= 60 && seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}
