package io.github.wechatqr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wechatqr.testkit.QrImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code create} and {@code image} as processes against a {@code fake-server} process: JSON, files, exit codes. */
class CreateAndImageIT {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static JarProcess server;
  private static String base;
  @TempDir
  Path dir;

  @BeforeAll
  static void startFakeServer() throws Exception {
    server = JarProcess.start("fake-server", "--port", "0");
    server.awaitOutput("use:", LIMIT);
    base = server.out().lines().findFirst().orElseThrow().substring("listening on ".length());
  }

  @AfterAll
  static void stopFakeServer() throws Exception {
    if (server != null) { // null when the jar is absent and the class was skipped
      server.interrupt(LIMIT);
    }
  }

  private static String[] against(String command, String... rest) {
    return FakeWeChat.concat(new String[] {command, "--api-base", base, "--mp-base", base, "--appid",
        "wxfake0000000001", "--secret", "fakesecret000000000000000000001"}, rest);
  }

  @Test
  void create_prints_json_and_image_saves_a_file_that_decodes_to_the_url() throws Exception {
    JarProcess created = JarProcess.run(LIMIT, against("create", "--temporary", "--expire", "15m", "--scene-str",
        "ci-login", "--json"));
    assertThat(created.exit()).as(created.err()).isZero();
    JsonNode json = CodeOutput.JSON.readTree(created.out());
    assertThat(json.get("expireSeconds").asLong()).isEqualTo(900);

    Path image = dir.resolve("code.jpg");
    JarProcess saved = JarProcess.run(LIMIT, "image", "--mp-base", base, "--ticket", json.get("ticket").asText(),
        "--out", image.toString());
    assertThat(saved.exit()).as(saved.err()).isZero();
    assertThat(QrImages.decode(Files.readAllBytes(image))).isEqualTo(json.get("url").asText());
  }

  @Test
  void exit_codes_tell_invalid_input_from_refusal_from_an_unreachable_service() throws Exception {
    assertThat(JarProcess.run(LIMIT, against("create", "--permanent", "--scene-id", "0")).exit()).isEqualTo(2);
    String[] wrongSecret = against("create", "--temporary", "--scene-id", "1");
    wrongSecret[8] = "not-the-secret-42";
    JarProcess refused = JarProcess.run(LIMIT, wrongSecret);
    assertThat(refused.exit()).isEqualTo(3);
    assertThat(refused.out() + refused.err()).contains("40125").doesNotContain("not-the-secret-42");
    JarProcess down = JarProcess.run(LIMIT, "create", "--api-base", "http://127.0.0.1:1", "--appid", "wx1",
        "--secret", "s", "--temporary", "--scene-id", "1");
    assertThat(down.exit()).isEqualTo(4);
  }
}
