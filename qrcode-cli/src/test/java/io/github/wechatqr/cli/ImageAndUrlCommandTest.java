package io.github.wechatqr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.QrImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageAndUrlCommandTest {
  private final FakeWeChatServer fake = FakeWeChatServer.start();
  @TempDir
  Path dir;

  @AfterEach
  void stop() {
    fake.close();
  }

  private JsonNode created() throws Exception {
    return CodeOutput.JSON.readTree(Cli.run(FakeWeChat.args(fake, "create", "--permanent", "--scene-id", "5",
        "--json")).out());
  }

  @Test
  void image_downloads_a_ticket_without_credentials() throws Exception {
    JsonNode code = created();
    Path out = dir.resolve("five.jpg");
    Cli saved = Cli.run("image", "--mp-base", fake.baseUri().toString(), "--ticket", code.get("ticket").asText(),
        "--out", out.toString());
    assertThat(saved.exit()).isZero();
    assertThat(QrImages.decode(Files.readAllBytes(out))).isEqualTo(code.get("url").asText());
    assertThat(fake.journal().entries(FakeWeChatServer.SHOW_QRCODE)).singleElement()
        .satisfies(e -> assertThat(e.query()).containsOnlyKeys("ticket"));
  }

  @Test
  void an_unknown_ticket_is_wechat_refusing() {
    Cli missing = Cli.run("image", "--mp-base", fake.baseUri().toString(), "--ticket", "gQH+nope==",
        "--out", dir.resolve("x.jpg").toString());
    assertThat(missing.exit()).isEqualTo(ExitCodes.WECHAT_REFUSED);
    assertThat(missing.err()).contains("no QR image for ticket gQH+nope==");
  }

  @Test
  void url_prints_the_link_with_the_ticket_encoded_once_and_makes_no_call() {
    Cli url = Cli.run("url", "--mp-base", "https://mp.example", "--ticket", "gQH+a/b==");
    assertThat(url.exit()).isZero();
    assertThat(url.out().trim()).isEqualTo("https://mp.example/cgi-bin/showqrcode?ticket=gQH%2Ba%2Fb%3D%3D");
    assertThat(new Ticket("gQH+a/b==").urlEncoded()).isEqualTo("gQH%2Ba%2Fb%3D%3D");
  }

  @Test
  void url_and_image_need_no_store_so_they_never_connect_to_redis() throws Exception {
    String unreachable = "redis://127.0.0.1:1";
    Cli url = Cli.run("url", "--redis", unreachable, "--mp-base", "https://mp.example", "--ticket", "gQH+a/b==");
    assertThat(url.exit()).isZero();
    JsonNode code = created();
    Cli image = Cli.run("image", "--redis", unreachable, "--mp-base", fake.baseUri().toString(),
        "--ticket", code.get("ticket").asText(), "--out", dir.resolve("r.jpg").toString());
    assertThat(image.exit()).isZero();
  }

  @Test
  void a_blank_ticket_is_invalid_input() {
    assertThat(Cli.run("url", "--ticket", " ").exit()).isEqualTo(ExitCodes.INVALID_INPUT);
  }
}
