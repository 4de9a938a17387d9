package io.github.wechatqr.example.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.testkit.Callback;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.PushResult;
import io.github.wechatqr.testkit.QrImages;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The example application as a host runs it: a process of its own on Spring Boot 4, its secrets in
 * environment variables as its application.yaml expects them, against the testkit's fake WeChat on
 * 127.0.0.1, and driven over HTTP only: a login code issued by its controller, a safe-mode scan pushed by
 * the fake to the starter's callback endpoint, the listener's effect seen by polling, and the actuator.
 * One process for the class (its start is most of the time); its output is in {@code target/application/}.
 */
class LoginApplicationProcessTest {
  private static final String CALLBACK_TOKEN = "exampleCallbackTok3n";
  private static final String AES_KEY = "ExampleLoginAesKeyNeverShown0123456789abcde";
  private static final Duration REQUEST = Duration.ofSeconds(10);
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(REQUEST).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static FakeWeChatServer fake;
  private static ApplicationProcess app;

  @BeforeAll
  static void startTheApplicationAgainstTheFake() throws IOException {
    fake = FakeWeChatServer.start(); // on the system clock, as the application is: pushes are stamped now
    app = ApplicationProcess.start(
        Map.of("WECHAT_APPID", fake.appId(), "WECHAT_SECRET", fake.secret(),
            "WECHAT_CALLBACK_TOKEN", CALLBACK_TOKEN, "WECHAT_AES_KEY", AES_KEY),
        List.of("--wechat.qrcode.api-base=" + fake.baseUri(), "--wechat.qrcode.mp-base=" + fake.baseUri(),
            "--management.endpoints.web.exposure.include=health,env,configprops",
            "--management.endpoint.env.show-values=always",
            "--management.endpoint.configprops.show-values=always"),
        Path.of(System.getProperty("example.output"), "spring-boot-login.log"));
    fake.callback(Callback.safe(app.uri("/wechat/callback"), CALLBACK_TOKEN, AES_KEY));
  }

  @AfterAll
  static void stop() {
    try {
      if (app != null) {
        app.close();
      }
    } finally {
      fake.close();
    }
  }

  @Test
  void a_login_code_from_the_controller_is_logged_in_by_a_safe_mode_scan_pushed_to_the_callback() throws Exception {
    HttpResponse<String> started = send(HttpRequest.newBuilder(app.uri("/login")).POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(started.statusCode()).isEqualTo(201);
    JsonNode login = JSON.readTree(started.body());
    String id = login.path("id").asString();
    assertThat(started.headers().firstValue("Location")).hasValue("/login/" + id);
    URI image = URI.create(login.path("qrcode").asString());
    assertThat(image.toString()).startsWith(fake.baseUri() + "/cgi-bin/showqrcode?ticket=");
    Ticket ticket = new Ticket(URLDecoder.decode(image.getRawQuery().substring("ticket=".length()), StandardCharsets.UTF_8));
    assertThat(QrImages.decode(download(image))).as("the link shows the code")
        .isEqualTo(fake.code(ticket).orElseThrow().url());
    assertThat(state(id)).isEqualTo("waiting");

    PushResult push = fake.scan(ticket, "openid-alice");

    assertThat(push.push().query()).containsEntry("encrypt_type", "aes").containsKey("msg_signature");
    assertThat(push.status()).isEqualTo(200);
    assertThat(push.body()).isEqualTo("success");
    assertThat(state(id)).isEqualTo("logged in as openid-alice"); // the listener ran before "success"
  }

  @Test
  void a_scan_logs_in_only_the_login_whose_code_was_scanned() throws Exception {
    JsonNode scanned = JSON.readTree(post("/login").body());
    JsonNode other = JSON.readTree(post("/login").body());
    URI image = URI.create(scanned.path("qrcode").asString());

    fake.scan(new Ticket(URLDecoder.decode(image.getRawQuery().substring("ticket=".length()), StandardCharsets.UTF_8)),
        "openid-bob");

    assertThat(state(scanned.path("id").asString())).isEqualTo("logged in as openid-bob");
    assertThat(state(other.path("id").asString())).isEqualTo("waiting");
  }

  @Test
  void an_unknown_login_is_not_found() throws Exception {
    assertThat(get("/login/no-such-login").statusCode()).isEqualTo(404);
  }

  @Test
  void health_is_up() throws Exception {
    HttpResponse<String> health = get("/actuator/health");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(health.body()).path("status").asString()).isEqualTo("UP");
  }

  @Test
  void configprops_and_the_starters_properties_in_env_are_masked_while_other_values_show() throws Exception {
    String configprops = get("/actuator/configprops").body();
    JsonNode env = JSON.readTree(get("/actuator/env/wechat.qrcode.secret").body());

    assertThat(configprops).contains(fake.appId()).contains("/wechat/callback").contains("******")
        .doesNotContain(fake.secret()).doesNotContain(CALLBACK_TOKEN).doesNotContain(AES_KEY);
    assertThat(env.path("property").path("value").asString()).isEqualTo("******");
  }

  @Test
  void health_reports_the_account_up_once_a_token_is_held() throws Exception {
    post("/login"); // the first code fetches the token

    JsonNode health = JSON.readTree(get("/actuator/health").body());

    assertThat(health.path("status").asString()).isEqualTo("UP");
    assertThat(health.at("/components/wechatQrCode/status").asString()).isEqualTo("UP");
    assertThat(health.at("/components/wechatQrCode/details/appId").asString()).isEqualTo(fake.appId());
  }

  @Test
  void env_shows_no_secret_callback_token_or_aes_key_under_any_name_even_with_show_values_always() throws Exception {
    HttpResponse<String> env = get("/actuator/env");

    assertThat(env.statusCode()).isEqualTo(200);
    assertThat(env.body()).contains(fake.appId()) // values are shown ...
        .doesNotContain(fake.secret()).doesNotContain(CALLBACK_TOKEN).doesNotContain(AES_KEY); // ... but not these
    JsonNode variable = JSON.readTree(get("/actuator/env/WECHAT_SECRET").body());
    assertThat(variable.path("property").path("value").asString()).isEqualTo("******");
  }

  private static String state(String id) throws Exception {
    HttpResponse<String> answer = get("/login/" + id);
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode login = JSON.readTree(answer.body());
    assertThat(login.path("id").asString()).isEqualTo(id);
    return login.path("state").asString();
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(app.uri(path)).GET());
  }

  private static HttpResponse<String> post(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(app.uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return HTTP.send(request.timeout(REQUEST).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] download(URI image) throws IOException, InterruptedException {
    HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(image).timeout(REQUEST).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(answer.statusCode()).isEqualTo(200);
    return answer.body();
  }
}
