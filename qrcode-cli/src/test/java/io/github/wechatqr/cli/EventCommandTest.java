package io.github.wechatqr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.testkit.Callback;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.Push;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventCommandTest {
  private static final String TOKEN = "cliCallbackToken";
  private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  private final FakeWeChatServer fake = FakeWeChatServer.start();

  @AfterEach
  void stop() {
    fake.close();
  }

  private Push scanPush(Callback callback, String scene) throws Exception {
    fake.callback(callback);
    JsonNode code = CodeOutput.JSON.readTree(Cli.run(FakeWeChat.args(fake, "create", "--permanent", "--scene-str",
        scene, "--json")).out());
    return fake.push(new Ticket(code.get("ticket").asText()), "openid-7");
  }

  private static Map<String, String> query(Push push) {
    Map<String, String> query = new java.util.HashMap<>();
    for (String pair : push.target().getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
    }
    return query;
  }

  @Test
  void a_plain_push_is_printed_unverified_with_its_scene_read_from_the_key() throws Exception {
    Push push = scanPush(Callback.plain(URI.create("http://127.0.0.1:9/cb"), TOKEN), "123");
    Cli printed = Cli.withInput(push.body(), "event");
    assertThat(printed.exit()).isZero();
    JsonNode json = CodeOutput.JSON.readTree(printed.out());
    assertThat(json.get("kind").asText()).isEqualTo("SUBSCRIBE");
    assertThat(json.get("openId").asText()).isEqualTo("openid-7");
    assertThat(json.get("scene").asInt()).isEqualTo(123);
    assertThat(json.get("sceneType").asText()).isEqualTo("id");
    assertThat(json.get("resolution").asText()).isEqualTo("EVENT_KEY");
    assertThat(json.get("verified").asBoolean()).isFalse();
  }

  @Test
  void a_safe_mode_push_is_verified_decrypted_and_printed() throws Exception {
    Push push = scanPush(Callback.safe(URI.create("http://127.0.0.1:9/cb"), TOKEN, AES_KEY), "vip");
    Map<String, String> q = query(push);
    Cli printed = Cli.withInput(push.body(), "event", "--token", TOKEN, "--aes-key", AES_KEY, "--appid",
        fake.appId(), "--timestamp", q.get("timestamp"), "--nonce", q.get("nonce"), "--signature",
        q.get("signature"), "--msg-signature", q.get("msg_signature"));
    assertThat(printed.exit()).isZero();
    JsonNode json = CodeOutput.JSON.readTree(printed.out());
    assertThat(json.get("scene").asText()).isEqualTo("vip");
    assertThat(json.get("verified").asBoolean()).isTrue();
    assertThat(printed.all()).doesNotContain(TOKEN).doesNotContain(AES_KEY);
  }

  @Test
  void a_wrong_signature_is_refused_as_invalid_input() throws Exception {
    Push push = scanPush(Callback.safe(URI.create("http://127.0.0.1:9/cb"), TOKEN, AES_KEY), "vip");
    Map<String, String> q = query(push);
    Cli refused = Cli.withInput(push.body(), "event", "--token", "anotherToken", "--aes-key", AES_KEY,
        "--appid", fake.appId(), "--timestamp", q.get("timestamp"), "--nonce", q.get("nonce"),
        "--msg-signature", q.get("msg_signature"));
    assertThat(refused.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(refused.err()).contains("refused (403)").doesNotContain("anotherToken");
  }

  /**
   * Tencent's Official Account sample (Sample.py, 2014), as copied verbatim in charlesXu86/Chatbot_CN
   * Chatbot_Web/impl/weixin/Sample.py at 7e1cd5c2: a text message, verified and decrypted as of its time.
   */
  @Test
  void the_published_sample_verifies_and_reads_as_a_text_message() throws Exception {
    Cli printed = Cli.withInput(SAMPLE, FakeWeChat.concat(SAMPLE_ARGS, "--at", "1409735669"));
    assertThat(printed.exit()).as(printed.err()).isZero();
    JsonNode json = CodeOutput.JSON.readTree(printed.out());
    assertThat(json.get("msgType").asText()).isEqualTo("text");
    assertThat(json.get("openId").asText()).isEqualTo("oyORnuP8q7ou2gfYjqLzSIWZf0rs");
    assertThat(json.get("verified").asBoolean()).isTrue();
  }

  @Test
  void a_captured_push_is_judged_against_the_real_clock_unless_at_says_when() {
    Cli stale = Cli.withInput(SAMPLE, SAMPLE_ARGS);
    assertThat(stale.exit()).as("a 2014 timestamp, now").isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(stale.err()).contains("refused (4").doesNotContain("spamtest");
    assertThat(stale.out()).isEmpty();
    Cli late = Cli.withInput(SAMPLE, FakeWeChat.concat(SAMPLE_ARGS, "--at", Long.toString(1409735669 + 301)));
    assertThat(late.exit()).as("301 s after it was sent").isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(Cli.withInput(SAMPLE, FakeWeChat.concat(SAMPLE_ARGS, "--at", Long.toString(1409735669 + 299)))
        .exit()).as("299 s after it was sent").isZero();
  }

  @Test
  void at_applies_to_verification_only() {
    Cli refused = Cli.withInput(SAMPLE, "event", "--aes-key", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
        "--appid", "wx2c2769f8efd9abc2", "--at", "1409735669");
    assertThat(refused.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(refused.err()).contains("--at applies when a push is verified");
  }

  private static final String SAMPLE_ENCRYPT =
      "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHF"
      + "VAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSny"
      + "U8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfR"
      + "d5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsN"
      + "PfUM669WuMyVWQLCzpu9GhglF2PE=";
  private static final String SAMPLE = "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>"
      + "<Encrypt><![CDATA[" + SAMPLE_ENCRYPT + "]]></Encrypt></xml>";
  private static final String[] SAMPLE_ARGS = {"event", "--token", "spamtest", "--aes-key",
      "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "--appid", "wx2c2769f8efd9abc2", "--timestamp",
      "1409735669", "--nonce", "1320562132", "--msg-signature", "5d197aaffba7e9b25a30732f161a50dee96bd5fa"};

  @Test
  void an_aes_key_needs_its_appid() {
    Cli refused = Cli.withInput("<xml/>", "event", "--aes-key", AES_KEY);
    assertThat(refused.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(refused.err()).contains("--aes-key needs --appid");
  }
}
