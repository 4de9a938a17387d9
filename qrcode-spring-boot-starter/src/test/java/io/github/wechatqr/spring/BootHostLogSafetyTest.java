package io.github.wechatqr.spring;

import static io.github.wechatqr.testkit.FakeWeChatServer.CREATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.events.ScanListener;
import io.github.wechatqr.feign.TokenMode;
import io.github.wechatqr.testkit.Callback;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.JournalEntry;
import io.github.wechatqr.testkit.PushResult;
import io.github.wechatqr.testkit.QrImages;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Boot host that logs everything at DEBUG ({@code logging.level.root=DEBUG}, Boot's own logback) and does
 * nothing else about logs: creating codes, fetching and refreshing tokens in either mode, downloading an
 * image and receiving a safe-mode push print no secret, access token, EncodingAESKey or callback token,
 * though HttpClient's DEBUG lines are there. The starter relies on no level the host sets; the one level set
 * besides the root's quiets the fake WeChat's own server, which stands for WeChat.
 */
@ExtendWith(OutputCaptureExtension.class)
class BootHostLogSafetyTest {
  private static final String CALLBACK_TOKEN = "hostToken31";
  private static final String AES_KEY = "Zx9Cv8Bn7Mm6Ll5Kk4Jj3Hh2Gg1Ff0DdSsAaQqWwEeR";
  private static final String APP_ID = "wxdebughost00001";
  private static final String SECRET = "D3bug/Host+Secret=0123456789abcd";

  @ParameterizedTest
  @EnumSource(TokenMode.class)
  void at_root_debug_no_line_holds_a_credential_yet_every_exchange_worked(TokenMode mode, CapturedOutput output) {
    Set<String> tokens = new LinkedHashSet<>();
    List<ResolvedScan> scans = new CopyOnWriteArrayList<>();
    try (FakeWeChatServer fake = FakeWeChatServer.builder().account(APP_ID, SECRET).start();
        ConfigurableApplicationContext host = host(fake, mode, scans)) {
      QrCodeService qrcodes = host.getBean(QrCodeService.class);
      int port = host.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
      fake.callback(Callback.safe(URI.create("http://127.0.0.1:" + port + "/hooks/wechat"), CALLBACK_TOKEN, AES_KEY));

      QrCode login = qrcodes.temporary(SceneValue.of("login-7"), Duration.ofMinutes(10));
      assertThat(QrImages.decode(qrcodes.image(login).bytes())).isEqualTo(login.url());
      fake.failNext(CREATE, 40001, 1); // the token is refused once: a second one is fetched
      qrcodes.permanent(SceneValue.of(7));
      PushResult push = fake.scan(login.ticket(), "openid-debug");

      assertThat(push.status()).isEqualTo(200);
      assertThat(scans).singleElement().satisfies(scan -> assertThat(scan.scene()).isEqualTo(SceneValue.of("login-7")));
      fake.journal().entries(CREATE).stream().map(JournalEntry::query).map(query -> query.get("access_token"))
          .forEach(tokens::add);
      assertThat(tokens).as("two tokens, each accepted by the fake").hasSize(2).doesNotContainNull();
      assertThat(fake.journal().entries(CREATE)).filteredOn(entry -> entry.status() == 200 && entry.errcode() == null)
          .hasSize(2);
    } finally {
      // Boot leaves the levels it set when its context closes; the next test class must not log at DEBUG.
      LoggingSystem.get(getClass().getClassLoader()).setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
    }

    List<String> lines = output.getAll().lines().toList();
    String tokenCall = mode == TokenMode.STABLE ? "executing POST /cgi-bin/stable_token" : "executing GET /cgi-bin/token?";
    // Whatever the pattern (Boot keeps the first one a JVM's logback was given), level and message are there.
    assertThat(lines).as("HttpClient logged its requests at DEBUG")
        .anySatisfy(line -> assertThat(line).contains("DEBUG").contains("MainClientExec").contains(tokenCall))
        .anySatisfy(line -> assertThat(line).contains("DEBUG").contains("MainClientExec")
            .contains("executing POST /cgi-bin/qrcode/create?access_token="))
        .anySatisfy(line -> assertThat(line).contains("DEBUG").contains("[WeChatApi#create] ---> POST"));
    for (String credential : credentials(tokens)) {
      assertThat(lines).as("a line holding %s…", credential.substring(0, 6))
          .noneSatisfy(line -> assertThat(line).contains(credential));
    }
  }

  private static ConfigurableApplicationContext host(FakeWeChatServer fake, TokenMode mode, List<ResolvedScan> scans) {
    return new SpringApplicationBuilder(App.class)
        .initializers(context -> context.getBeanFactory().registerSingleton("scans", (ScanListener) scans::add))
        // The fake WeChat runs on the JDK's HTTP server, which logs each request line it receives at DEBUG (the
        // classic mode's secret, every access token): WeChat's side, which must get them, not the host's, whose
        // callback runs on Tomcat. Only that logger is raised; every logger of the host's transport stays at DEBUG.
        .properties("logging.level.root=DEBUG", "logging.level.com.sun.net.httpserver=INFO", "spring.main.banner-mode=off", "server.port=0", "server.address=127.0.0.1",
            "wechat.qrcode.app-id=" + APP_ID, "wechat.qrcode.secret=" + SECRET,
            "wechat.qrcode.token-mode=" + mode.name().toLowerCase(Locale.ROOT),
            "wechat.qrcode.api-base=" + fake.baseUri(), "wechat.qrcode.mp-base=" + fake.baseUri(),
            "wechat.qrcode.callback.path=/hooks/wechat", "wechat.qrcode.callback.token=" + CALLBACK_TOKEN,
            "wechat.qrcode.callback.encoding-aes-key=" + AES_KEY)
        .run();
  }

  /** The credentials as sent and as they would appear in a URL. */
  private static Set<String> credentials(Set<String> tokens) {
    Set<String> all = new LinkedHashSet<>(List.of(SECRET, encoded(SECRET), CALLBACK_TOKEN, AES_KEY));
    tokens.forEach(token -> {
      all.add(token);
      all.add(encoded(token));
    });
    return all;
  }

  private static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}
}
