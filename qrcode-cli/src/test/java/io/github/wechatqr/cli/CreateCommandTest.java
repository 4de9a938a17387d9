package io.github.wechatqr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.QrImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreateCommandTest {
  private final FakeWeChatServer fake = FakeWeChatServer.start();
  @TempDir
  Path dir;

  @AfterEach
  void stop() {
    fake.close();
  }

  private Cli create(String... rest) {
    return Cli.run(FakeWeChat.args(fake, "create", rest));
  }

  @Test
  void a_temporary_code_prints_ticket_url_expiry_and_image_link() {
    Cli created = create("--temporary", "--expire", "7d", "--scene-id", "123");
    assertThat(created.exit()).isZero();
    String ticket = created.out().lines().filter(l -> l.startsWith("ticket")).findFirst().orElseThrow()
        .substring("ticket".length()).trim();
    assertThat(fake.code(new Ticket(ticket)).orElseThrow().scene()).isEqualTo("123");
    assertThat(created.out()).contains("type      TEMPORARY_ID", "scene     123", "(7d after it was issued)",
        "image     " + fake.baseUri() + "/cgi-bin/showqrcode?ticket=" + new Ticket(ticket).urlEncoded());
  }

  @Test
  void json_output_has_exactly_the_documented_keys() throws Exception {
    Cli created = create("--temporary", "--expire", "90s", "--scene-str", "login-42", "--json");
    JsonNode json = CodeOutput.JSON.readTree(created.out());
    assertThat(json.fieldNames()).toIterable()
        .containsExactly("type", "scene", "ticket", "url", "expireSeconds", "expiresAt", "imageUrl");
    assertThat(json.get("type").asText()).isEqualTo("TEMPORARY_STR");
    assertThat(json.get("scene").asText()).isEqualTo("login-42");
    assertThat(json.get("expireSeconds").asLong()).isEqualTo(90);
    assertThat(Instant.parse(json.get("expiresAt").asText())).isAfter(Instant.now());
    assertThat(json.get("imageUrl").asText()).endsWith(new Ticket(json.get("ticket").asText()).urlEncoded());
  }

  @Test
  void a_permanent_code_has_no_expiry_and_a_numeric_scene_in_json() throws Exception {
    JsonNode json = CodeOutput.JSON.readTree(create("--permanent", "--scene-id", "17", "--json").out());
    assertThat(json.get("type").asText()).isEqualTo("PERMANENT_ID");
    assertThat(json.get("scene").isInt()).isTrue();
    assertThat(json.get("expireSeconds").isNull()).isTrue();
    assertThat(json.get("expiresAt").isNull()).isTrue();
  }

  @Test
  void out_saves_an_image_that_decodes_to_the_url() throws Exception {
    Path image = dir.resolve("code.jpg");
    JsonNode json = CodeOutput.JSON.readTree(
        create("--permanent", "--scene-str", "shop-17", "--out", image.toString(), "--json").out());
    assertThat(QrImages.decode(Files.readAllBytes(image))).isEqualTo(json.get("url").asText());
  }

  @Test
  void a_broken_rule_is_invalid_input_named_and_never_reaches_wechat() {
    Cli refused = create("--permanent", "--scene-id", "100001");
    assertThat(refused.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(refused.err()).contains("scene_id must be 1..100000 for a permanent code, was 100001");
    assertThat(create("--temporary", "--expire", "31d", "--scene-id", "1").exit()).isEqualTo(2);
    assertThat(create("--temporary", "--scene-str", "x".repeat(65)).exit()).isEqualTo(2);
    assertThat(create("--permanent", "--expire", "7d", "--scene-id", "1").err())
        .contains("--expire applies to --temporary codes only");
    assertThat(create("--temporary", "--permanent", "--scene-id", "1").exit()).isEqualTo(2);
    assertThat(create("--temporary").exit()).isEqualTo(2);
    assertThat(fake.journal().entries()).isEmpty();
  }

  @Test
  void a_wrong_secret_is_wechat_refusing_with_the_errcode_and_no_secret_shown() {
    String[] args = FakeWeChat.args(fake, "create", "--temporary", "--scene-id", "1");
    args[8] = "wrong-secret-0123456789";
    Cli refused = Cli.run(args);
    assertThat(refused.exit()).isEqualTo(ExitCodes.WECHAT_REFUSED);
    assertThat(refused.err()).contains("40125").doesNotContain("wrong-secret-0123456789");
  }

  @Test
  void missing_credentials_are_invalid_input() {
    Cli refused = Cli.run("create", "--api-base", fake.baseUri().toString(), "--appid", fake.appId(),
        "--temporary", "--scene-id", "1");
    assertThat(refused.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(refused.err()).contains("missing --secret (or WECHAT_SECRET)");
  }

  @Test
  void an_unreachable_wechat_is_exit_code_4() {
    String base = fake.baseUri().toString();
    fake.close();
    Cli down = Cli.run("create", "--api-base", base, "--mp-base", base, "--appid", "wx1", "--secret", "s",
        "--temporary", "--scene-id", "1");
    assertThat(down.exit()).isEqualTo(ExitCodes.UPSTREAM_DOWN);
  }
}
