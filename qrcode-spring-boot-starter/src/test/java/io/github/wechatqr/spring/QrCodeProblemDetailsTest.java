package io.github.wechatqr.spring;

import static io.github.wechatqr.testkit.FakeWeChatServer.CREATE;
import static io.github.wechatqr.testkit.FakeWeChatServer.SHOW_QRCODE;
import static io.github.wechatqr.testkit.FakeWeChatServer.STABLE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wechatqr.domain.CredentialsRejected;
import io.github.wechatqr.domain.InvalidCallback;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.Fault;
import io.github.wechatqr.testkit.JournalEntry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A host's controllers over the service, against the fake WeChat, on a real port: each exception of the
 * library reaching a controller is answered with its problem detail, WeChat's errcode included and no secret;
 * a handler of the host's own comes first.
 */
@ExtendWith(OutputCaptureExtension.class)
class QrCodeProblemDetailsTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger SCENES = new AtomicInteger();
  private static FakeWeChatServer fake;
  private static ConfigurableApplicationContext host;

  @BeforeAll
  static void start() {
    fake = FakeWeChatServer.start();
    host = new SpringApplicationBuilder(App.class)
        .properties("spring.main.banner-mode=off", "server.port=0", "server.address=127.0.0.1",
            "wechat.qrcode.app-id=" + fake.appId(), "wechat.qrcode.secret=" + fake.secret(),
            "wechat.qrcode.api-base=" + fake.baseUri(), "wechat.qrcode.mp-base=" + fake.baseUri(),
            "wechat.qrcode.retry.initial-backoff=1ms", "wechat.qrcode.retry.max-backoff=2ms",
            "wechat.qrcode.token.failure-backoff=0s") // a refused token call is not replayed to the next test
        .run();
  }

  @AfterAll
  static void stop() {
    host.close();
    fake.close();
  }

  @Test
  void a_request_that_breaks_a_rule_is_400_naming_the_field() throws Exception {
    long creates = fake.journal().count(CREATE);

    HttpResponse<String> answer = post("/codes/" + scene() + "?seconds=2592001");

    JsonNode problem = problem(answer, 400);
    assertThat(problem.get("title").asText()).isEqualTo("Invalid QR code request");
    assertThat(problem.get("detail").asText()).startsWith("expire_seconds must be ");
    assertThat(problem.get("field").asText()).isEqualTo("expire_seconds");
    assertThat(fake.journal().count(CREATE)).as("no call").isEqualTo(creates);
  }

  @Test
  void a_code_wechat_has_no_image_for_is_404() throws Exception {
    fake.failNext(SHOW_QRCODE, Fault.status(404), 1);

    JsonNode problem = problem(get("/codes/" + scene() + "/image"), 404);

    assertThat(problem.get("title").asText()).isEqualTo("QR code not found");
  }

  @Test
  void the_minute_quota_is_429_with_retry_after_a_minute() throws Exception {
    fake.failNext(CREATE, 45011, 1);

    HttpResponse<String> answer = post("/codes/" + scene());

    assertThat(problem(answer, 429).get("errcode").asInt()).isEqualTo(45011);
    assertThat(answer.headers().firstValue("Retry-After")).contains("60");
  }

  @Test
  void the_daily_quota_and_the_permanent_code_limit_are_429_without_a_retry_after() throws Exception {
    fake.failNext(CREATE, 45009, 1);
    HttpResponse<String> daily = post("/codes/" + scene());
    fake.failNext(CREATE, 45029, 1);
    HttpResponse<String> permanent = post("/permanent/" + SCENES.incrementAndGet());

    assertThat(problem(daily, 429).get("errcode").asInt()).isEqualTo(45009);
    assertThat(problem(permanent, 429).get("detail").asText()).contains("permanent codes");
    assertThat(daily.headers().firstValue("Retry-After")).isEmpty();
    assertThat(permanent.headers().firstValue("Retry-After")).isEmpty();
  }

  @Test
  void a_refusal_of_wechats_is_502_with_its_errcode_and_not_its_errmsg(CapturedOutput output) throws Exception {
    fake.failNext(CREATE, new Fault.Errcode(48001, "api unauthorized rid: 6543-host-detail"), 1);

    JsonNode problem = problem(post("/codes/" + scene()), 502);

    assertThat(problem.get("title").asText()).isEqualTo("WeChat refused the call");
    assertThat(problem.get("errcode").asInt()).isEqualTo(48001);
    assertThat(problem.toString()).doesNotContain("host-detail");
    assertThat(output.getOut()).as("the operator is told").contains("answered 502: WeChatApiException")
        .contains("host-detail");
  }

  @Test
  void wechat_unreachable_is_503_and_busy_is_503_with_errcode_minus_1() throws Exception {
    fake.failNext(CREATE, Fault.drop(), 3);
    JsonNode dropped = problem(post("/codes/" + scene()), 503);
    fake.failNext(CREATE, -1, 3);
    JsonNode busy = problem(post("/codes/" + scene()), 503);

    assertThat(dropped.get("title").asText()).isEqualTo("WeChat unavailable");
    assertThat(dropped.has("errcode")).isFalse();
    assertThat(busy.get("errcode").asInt()).isEqualTo(-1);
  }

  @Test
  void a_refused_callback_is_400_and_any_other_failure_of_the_family_500() throws Exception {
    JsonNode callback = problem(get("/failures/callback"), 400);
    JsonNode other = problem(get("/failures/other"), 500);

    assertThat(callback.get("title").asText()).isEqualTo("Invalid callback");
    assertThat(callback.get("detail").asText()).isEqualTo("signature mismatch");
    assertThat(other.get("detail").asText()).isEqualTo("the QR code operation failed");
  }

  @Test
  void the_hosts_own_handler_comes_first() throws Exception {
    post("/codes/" + scene()); // holds a token
    fake.invalidateTokens();
    fake.failNext(STABLE_TOKEN, 40125, 1); // the refresh the rejected token calls for is refused

    HttpResponse<String> answer = post("/codes/" + scene());

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.body()).isEqualTo("host handled 40125");
  }

  @Test
  void the_switch_turns_the_mapping_off_and_only_servlet_applications_get_it() {
    WebApplicationContextRunner web = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(WeChatQrCodeProblemDetailsAutoConfiguration.class));

    web.run(context -> assertThat(context).hasSingleBean(QrCodeProblemDetails.class));
    web.withPropertyValues("wechat.qrcode.problem-details.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(QrCodeProblemDetails.class));
    web.withPropertyValues("wechat.qrcode.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(QrCodeProblemDetails.class));
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WeChatQrCodeProblemDetailsAutoConfiguration.class))
        .run(context -> assertThat(context).doesNotHaveBean(QrCodeProblemDetails.class));
  }

  /** @return the problem detail the answer carries, after checking its status, type and that it holds no secret */
  private static JsonNode problem(HttpResponse<String> answer, int status) throws IOException {
    assertThat(answer.statusCode()).isEqualTo(status);
    assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
    JsonNode problem = JSON.readTree(answer.body());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(answer.body()).doesNotContain(fake.secret());
    fake.journal().entries(CREATE).stream().map(JournalEntry::query).map(query -> query.get("access_token"))
        .forEach(token -> assertThat(answer.body()).doesNotContain(token));
    return problem;
  }

  private static String scene() {
    return "scene-" + SCENES.incrementAndGet();
  }

  private static HttpResponse<String> post(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(url(path)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(url(path)).GET());
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI url(String path) {
    return URI.create("http://127.0.0.1:" + host.getEnvironment().getRequiredProperty("local.server.port") + path);
  }

  /** The host's controllers: they catch nothing. */
  @RestController
  static class Codes {
    private final QrCodeService qrcodes;

    Codes(QrCodeService qrcodes) {
      this.qrcodes = qrcodes;
    }

    @PostMapping("/codes/{scene}")
    Map<String, String> temporary(@PathVariable("scene") String scene,
        @RequestParam(name = "seconds", defaultValue = "600") long seconds) {
      return Map.of("url", qrcodes.temporary(SceneValue.of(scene), Duration.ofSeconds(seconds)).url());
    }

    @PostMapping("/permanent/{id}")
    Map<String, String> permanent(@PathVariable("id") int id) {
      return Map.of("url", qrcodes.permanent(SceneValue.of(id)).url());
    }

    @GetMapping("/codes/{scene}/image")
    byte[] image(@PathVariable("scene") String scene) {
      QrCode code = qrcodes.temporary(SceneValue.of(scene), Duration.ofMinutes(10));
      return qrcodes.image(code).bytes();
    }

    @GetMapping("/failures/{kind}")
    String fail(@PathVariable("kind") String kind) {
      throw kind.equals("callback") ? new InvalidCallback("signature mismatch")
          : new QrCodeException("a part of the host's own failed");
    }
  }

  /** The host's own advice, without an order: it still comes first. */
  @RestControllerAdvice
  static class HostAdvice {
    @ExceptionHandler(CredentialsRejected.class)
    ResponseEntity<String> credentials(CredentialsRejected refused) {
      return ResponseEntity.status(401).body("host handled " + refused.errcode());
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    Codes codes(QrCodeService qrcodes) {
      return new Codes(qrcodes);
    }

    @Bean
    HostAdvice hostAdvice() {
      return new HostAdvice();
    }
  }
}
