package io.github.wechatqr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.testkit.Callback;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.Push;
import io.github.wechatqr.testkit.PushResult;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The jar as users run it, with the callback secrets in the environment and none on the command line:
 * {@code event} verifies with them, {@code callback} serves with them and stops cleanly (exit 0) on
 * SIGTERM and at the end of its input.
 */
class CallbackSecretsIT {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final String TOKEN = "itEnvCallbackTok3nNotInTheArgv";
  private static final String AES_KEY = "itEnvAesKey0123456789abcdefghijklmnopqrstuv";

  private final FakeWeChatServer fake = FakeWeChatServer.start();
  private final QrCodeService issuer =
      new QrCodeService(fake.gateway(), new InMemoryQrCodeStore(Clock.systemUTC()), Clock.systemUTC());

  @AfterEach
  void stop() {
    fake.close();
  }

  private Map<String, String> environment() {
    return Map.of("WECHAT_CALLBACK_TOKEN", TOKEN, "WECHAT_AES_KEY", AES_KEY, "WECHAT_APPID", fake.appId());
  }

  private static Map<String, String> query(Push push) {
    Map<String, String> query = new HashMap<>();
    for (String pair : push.target().getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return query;
  }

  @Test
  void event_verifies_with_the_secrets_of_the_environment() throws Exception {
    fake.callback(Callback.safe(URI.create("http://127.0.0.1:9/wechat"), TOKEN, AES_KEY));
    QrCode code = issuer.permanent(SceneValue.of("env-vip"));
    Push push = fake.push(code.ticket(), "openid-env");
    Map<String, String> q = query(push);
    JarProcess event = JarProcess.start(environment(), "event", "--timestamp", q.get("timestamp"), "--nonce",
        q.get("nonce"), "--msg-signature", q.get("msg_signature")).input(push.body());
    assertThat(event.await(LIMIT)).as(event.err()).isZero();
    JsonNode json = CodeOutput.JSON.readTree(event.out());
    assertThat(json.get("verified").asBoolean()).isTrue();
    assertThat(json.get("scene").asText()).isEqualTo("env-vip");

    JarProcess help = JarProcess.start(environment(), "event", "--help");
    assertThat(help.await(LIMIT)).isZero();
    assertThat(help.out()).contains("$WECHAT_CALLBACK_TOKEN", "--at=EPOCH_SECONDS");
    assertThat(event.out() + event.err() + help.out() + help.err()).doesNotContain(TOKEN).doesNotContain(AES_KEY);
  }

  @Test
  void callback_serves_with_the_secrets_of_the_environment_and_stops_cleanly() throws Exception {
    try (JarProcess callback = JarProcess.start(environment(), "callback", "--port", "0")) {
      callback.awaitError("listening on ", LIMIT);
      String first = callback.err().lines().findFirst().orElseThrow();
      URI url = URI.create(first.substring("listening on ".length()));
      assertThat(url.getHost()).isEqualTo("127.0.0.1");
      assertThat(url.getPath()).isEqualTo("/wechat");
      fake.callback(Callback.safe(url, TOKEN, AES_KEY));
      QrCode code = issuer.permanent(SceneValue.of(42));
      PushResult answer = fake.deliver(fake.push(code.ticket(), "openid-env"));
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo("success");
      callback.awaitOutput("\"kind\":\"SUBSCRIBE\"", LIMIT);
      assertThat(callback.out()).isEqualTo("{\"kind\":\"SUBSCRIBE\",\"openId\":\"openid-env\",\"scene\":42,"
          + "\"sceneType\":\"id\",\"ticket\":" + CodeOutput.JSON.writeValueAsString(code.ticket().value())
          + ",\"createdAt\":" + CodeOutput.JSON.writeValueAsString(
              CodeOutput.JSON.readTree(callback.out()).get("createdAt").asText()) + "}\n");
      // Process.destroy() closes the pipes as it signals, so what the process prints after SIGTERM is lost here
      assertThat(callback.interrupt(LIMIT)).as("SIGTERM: " + callback.err()).isZero();
      assertThat(callback.err()).doesNotContain(TOKEN).doesNotContain(AES_KEY);
    }
    try (JarProcess callback = JarProcess.start(environment(), "callback", "--port", "0")) {
      callback.awaitError("listening on ", LIMIT);
      callback.closeInput();
      assertThat(callback.await(LIMIT)).as("end of input: " + callback.err()).isZero();
      assertThat(callback.err()).endsWith("stopped\n");
      assertThat(callback.out()).isEmpty();
    }
  }
}
