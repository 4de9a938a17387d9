package io.github.wechatqr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.testkit.Callback;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.Push;
import io.github.wechatqr.testkit.PushCrypto;
import io.github.wechatqr.testkit.PushResult;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code qrcode callback} end to end, in this JVM: the fake WeChat pushes to it over loopback, and what it
 * prints is read back as JSON.
 */
class CallbackCommandTest {
  private static final String TOKEN = "cliCallbackT0kenForTheReceiver";
  private static final String AES_KEY = "cliReceiverAesKey0123456789abcdefghijklmnop";
  private static final Duration LIMIT = Duration.ofSeconds(10);

  private final FakeWeChatServer fake = FakeWeChatServer.start();
  private final QrCodeService issuer =
      new QrCodeService(fake.gateway(), new InMemoryQrCodeStore(Clock.systemUTC()), Clock.systemUTC());
  private final Printed out = new Printed();
  private final Printed err = new Printed();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(LIMIT).build();
  private PipedOutputStream stdin;
  private CompletableFuture<Integer> serving;

  @AfterEach
  void stop() throws Exception {
    if (stdin != null) {
      stdin.close();
      serving.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
    }
    fake.close();
    assertThat(out.toString() + err).doesNotContain(TOKEN).doesNotContain(AES_KEY);
  }

  /** Starts {@code qrcode callback --port 0 ...} and returns its URL once it says it listens. */
  private URI start(String... options) throws IOException, InterruptedException {
    CommandLine cli = QrCodeCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
    CallbackCommand command = cli.getSubcommands().get("callback").getCommand();
    PipedInputStream input = new PipedInputStream();
    stdin = new PipedOutputStream(input);
    command.input = input;
    String[] args = FakeWeChat.concat(new String[] {"callback", "--port", "0"}, options);
    serving = new CompletableFuture<>();
    serving.whenComplete((exit, failure) -> err.wake());
    Thread runner = new Thread(() -> serving.complete(cli.execute(args)), "callback-under-test");
    runner.setDaemon(true);
    runner.start();
    err.await("listening on ", LIMIT, serving);
    String first = err.toString().lines().findFirst().orElseThrow();
    assertThat(first).as("the first line on stderr").startsWith("listening on http://127.0.0.1:").endsWith("/wechat");
    return URI.create(first.substring("listening on ".length()));
  }

  private URI startSafe() throws IOException, InterruptedException {
    return start("--token", TOKEN, "--aes-key", AES_KEY, "--appid", fake.appId());
  }

  private List<JsonNode> printed() {
    return out.toString().lines().map(line -> {
      try {
        return CodeOutput.JSON.readTree(line);
      } catch (IOException e) {
        throw new AssertionError("not one JSON object per line: " + line, e);
      }
    }).toList();
  }

  private QrCode permanent(SceneValue scene) {
    return issuer.permanent(scene);
  }

  @Test
  void safe_mode_scans_are_verified_decoded_answered_and_printed_one_json_line_each() throws Exception {
    URI url = startSafe();
    fake.callback(Callback.safe(url, TOKEN, AES_KEY));
    QrCode shop = permanent(SceneValue.of(17));
    QrCode login = permanent(SceneValue.of("login-42"));

    PushResult first = fake.deliver(fake.push(shop.ticket(), "openid-7"));
    PushResult second = fake.deliver(fake.push(login.ticket(), "openid-7"));
    assertThat(List.of(first.status(), second.status())).containsOnly(200);
    assertThat(List.of(first.body(), second.body())).containsOnly("success");

    List<JsonNode> lines = printed();
    assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line.fieldNames()).toIterable()
        .containsExactly("kind", "openId", "scene", "sceneType", "ticket", "createdAt"));
    JsonNode subscribe = lines.get(0);
    assertThat(subscribe.get("kind").asText()).isEqualTo("SUBSCRIBE");
    assertThat(subscribe.get("openId").asText()).isEqualTo("openid-7");
    assertThat(subscribe.get("scene").isInt()).isTrue();
    assertThat(subscribe.get("scene").asInt()).isEqualTo(17);
    assertThat(subscribe.get("sceneType").asText()).isEqualTo("id");
    assertThat(subscribe.get("ticket").asText()).isEqualTo(shop.ticket().value());
    assertThat(Instant.parse(subscribe.get("createdAt").asText()))
        .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
    JsonNode scan = lines.get(1);
    assertThat(scan.get("kind").asText()).isEqualTo("SCAN");
    assertThat(scan.get("scene").asText()).isEqualTo("login-42");
    assertThat(scan.get("sceneType").asText()).isEqualTo("str");
    assertThat(scan.get("ticket").asText()).isEqualTo(login.ticket().value());
  }

  @Test
  void a_bad_signature_or_another_key_is_refused_and_prints_nothing() throws Exception {
    URI url = startSafe();
    QrCode code = permanent(SceneValue.of("vip"));
    fake.callback(Callback.safe(url, "not-the-callback-token", AES_KEY));
    PushResult forged = fake.deliver(fake.push(code.ticket(), "openid-1"));
    fake.callback(Callback.safe(url, TOKEN, "anotherAesKey0123456789abcdefghijklmnopqrst"));
    PushResult wrongKey = fake.deliver(fake.push(code.ticket(), "openid-2"));
    assertThat(forged.status()).isBetween(400, 499);
    assertThat(wrongKey.status()).isBetween(400, 499);
    assertThat(out.toString()).isEmpty();

    fake.callback(Callback.safe(url, TOKEN, AES_KEY));
    assertThat(fake.deliver(fake.push(code.ticket(), "openid-3")).status()).as("still serving").isEqualTo(200);
    assertThat(printed()).singleElement().satisfies(line -> assertThat(line.get("openId").asText())
        .isEqualTo("openid-3"));
  }

  @Test
  void a_push_delivered_again_is_answered_success_and_printed_once() throws Exception {
    URI url = startSafe();
    fake.callback(Callback.safe(url, TOKEN, AES_KEY));
    Push push = fake.push(permanent(SceneValue.of(5)).ticket(), "openid-9");
    assertThat(fake.deliver(push).body()).isEqualTo("success");
    assertThat(fake.deliver(push).body()).isEqualTo("success");
    assertThat(printed()).hasSize(1);
  }

  @Test
  void plain_mode_answers_the_url_check_and_prints_other_pushes_with_their_type() throws Exception {
    URI url = start("--token", TOKEN, "--path", "/wechat", "--aes-key", "");
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    String nonce = "1320562132";
    String signature = PushCrypto.signature(TOKEN, timestamp, nonce);
    String query = "?signature=" + signature + "&timestamp=" + timestamp + "&nonce=" + nonce;

    HttpResponse<String> check = http.send(HttpRequest.newBuilder(URI.create(url + query + "&echostr=hello-42"))
        .timeout(LIMIT).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(check.statusCode()).isEqualTo(200);
    assertThat(check.body()).isEqualTo("hello-42");

    String text = "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><FromUserName><![CDATA[openid-5]]>"
        + "</FromUserName><CreateTime>" + timestamp + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        + "<Content><![CDATA[hi]]></Content><MsgId>1234567890123456</MsgId></xml>";
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url + query)).timeout(LIMIT)
        .POST(HttpRequest.BodyPublishers.ofString(text)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("success");
    assertThat(printed()).singleElement().satisfies(line -> {
      assertThat(line.fieldNames()).toIterable()
          .containsExactly("kind", "msgType", "event", "eventKey", "openId", "createdAt");
      assertThat(line.get("kind").asText()).isEqualTo("MESSAGE");
      assertThat(line.get("msgType").asText()).isEqualTo("text");
      assertThat(line.get("event").isNull()).isTrue();
      assertThat(line.get("openId").asText()).isEqualTo("openid-5");
    });
    assertThat(err.toString()).contains("plain mode");
  }

  @Test
  void an_open_id_with_terminal_controls_is_printed_escaped() throws Exception {
    URI url = startSafe();
    fake.callback(Callback.safe(url, TOKEN, AES_KEY));
    // what XML 1.0 lets through: C1 controls (U+009B is CSI, ESC [ on 8-bit terminals), DEL, bidi, separators
    String hostile = "openid-\u009b2J\u009b31m\u007f\u202e\u2028";
    PushResult answer = fake.deliver(fake.push(permanent(SceneValue.of(6)).ticket(), hostile));
    assertThat(PrintedValuesTest.drivesATerminal(out.toString())).as(out.toString()).isFalse();
    if (answer.status() == 200) { // a receiver that bounds the fields' alphabet refuses it: fine too
      assertThat(out.toString()).contains("openid-\\u009B2J\\u009B31m\\u007F\\u202E\\u2028");
      assertThat(printed()).singleElement().satisfies(line -> assertThat(line.get("openId").asText())
          .isEqualTo(hostile));
    }
  }

  @Test
  void the_end_of_standard_input_stops_it_cleanly_with_exit_code_0() throws Exception {
    URI url = startSafe();
    stdin.close();
    assertThat(serving.get(LIMIT.toSeconds(), TimeUnit.SECONDS)).isZero();
    assertThat(err.toString()).endsWith("stopped" + System.lineSeparator());
    assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(url).timeout(LIMIT).build(),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
  }

  @Test
  void the_token_is_required_and_an_aes_key_needs_its_appid() {
    Assumptions.assumeTrue(System.getenv("WECHAT_CALLBACK_TOKEN") == null, "WECHAT_CALLBACK_TOKEN is set here");
    Cli noToken = Cli.run("callback", "--port", "0");
    assertThat(noToken.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(noToken.err()).contains("missing --token (or WECHAT_CALLBACK_TOKEN)");
    Assumptions.assumeTrue(System.getenv("WECHAT_APPID") == null, "WECHAT_APPID is set here");
    Cli noAppId = Cli.run("callback", "--port", "0", "--token", TOKEN, "--aes-key", AES_KEY);
    assertThat(noAppId.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(noAppId.err()).contains("--aes-key needs --appid");
  }
}
