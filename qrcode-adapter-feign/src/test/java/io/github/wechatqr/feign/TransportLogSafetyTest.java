package io.github.wechatqr.feign;

import static io.github.wechatqr.testkit.FakeWeChatServer.CREATE;
import static io.github.wechatqr.testkit.FakeWeChatServer.SHOW_QRCODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.Logger;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.Fault;
import io.github.wechatqr.testkit.JournalEntry;
import io.github.wechatqr.testkit.MutableClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every logger on (this module's tests log everything, TRACE included: {@link CapturedLogs}), HttpClient's
 * ({@code org.apache.hc}: the exec chain's request lines, {@code http.headers}, {@code http.wire}) and
 * Feign's at each of its levels, NONE to FULL: no line holds the secret or an access token, although the
 * exchanges worked, so the server did get the real ones.
 */
class TransportLogSafetyTest {
  private static final String APP_ID = "wxlogsafe0000001";
  private static final String SECRET = "L0g+Safe/Secret=0123456789abcd";
  private static final QrCodeRequest REQUEST = QrCodeRequest.temporary(SceneValue.of(11), Duration.ofHours(1));

  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");

  static List<Arguments> levelsAndModes() {
    return java.util.Arrays.stream(Logger.Level.values())
        .flatMap(level -> java.util.Arrays.stream(TokenMode.values()).map(mode -> Arguments.of(level, mode)))
        .toList();
  }

  @ParameterizedTest(name = "Feign {0}, {1} token")
  @MethodSource("levelsAndModes")
  void no_log_line_of_any_logger_holds_a_credential_yet_the_server_got_them(Logger.Level level, TokenMode mode) {
    CapturedLogs.clear();
    Set<String> tokens = new LinkedHashSet<>();
    try (FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).account(APP_ID, SECRET).start();
        FeignQrCodeGateway gateway = FeignQrCodeGateway.builder().appId(APP_ID).secret(SECRET)
            .apiBase(fake.baseUri()).mpBase(fake.baseUri()).clock(clock).tokenMode(mode).feignLogLevel(level)
            .connectTimeout(Duration.ofSeconds(1)).readTimeout(Duration.ofSeconds(2))
            .backoff(Duration.ofMillis(1), Duration.ofMillis(2)).sleeper(new TestGateways.RecordingSleeper(clock))
            .build()) {
      Ticket ticket = gateway.issue(REQUEST).ticket();
      gateway.download(ticket);
      fake.failNext(CREATE, 40001, 1); // a refresh: a second token
      gateway.issue(REQUEST);
      fake.failNext(CREATE, Fault.drop(), 3).failNext(SHOW_QRCODE, Fault.drop(), 3); // failures log too
      assertThatThrownBy(() -> gateway.issue(REQUEST)).isInstanceOf(UpstreamUnavailable.class);
      assertThatThrownBy(() -> gateway.download(ticket)).isInstanceOf(UpstreamUnavailable.class);

      List<JournalEntry> creates = fake.journal().entries(CREATE);
      creates.forEach(entry -> tokens.add(entry.query().get("access_token")));
      assertThat(tokens).hasSize(2).doesNotContainNull().noneMatch(token -> token.contains("REDACTED"));
      // The fake checks every token it is sent: these creates passed, so it got the real ones.
      assertThat(creates).filteredOn(entry -> entry.status() == 200 && entry.errcode() == null).hasSize(2);
      if (mode == TokenMode.CLASSIC) {
        assertThat(fake.journal().entries(FakeWeChatServer.TOKEN)).extracting(JournalEntry::rawQuery)
            .allSatisfy(query -> assertThat(query).endsWith("&secret=" + encoded(SECRET)));
      }
    }

    List<String> lines = CapturedLogs.lines();
    // HttpClient logged its request lines: with the placeholder, not the credential.
    assertThat(lines).anySatisfy(line -> assertThat(line)
        .startsWith("DEBUG org.apache.hc.client5.http.impl.classic.MainClientExec")
        .contains("executing POST /cgi-bin/qrcode/create?access_token=" + Redaction.PLACEHOLDER));
    if (mode == TokenMode.CLASSIC) {
      assertThat(lines).anySatisfy(line -> assertThat(line)
          .contains("executing GET /cgi-bin/token?grant_type=client_credential&appid=" + APP_ID + "&secret="
              + Redaction.PLACEHOLDER));
    }
    assertThat(lines).as("the connection never logs heads or bytes")
        .noneMatch(line -> line.contains(" org.apache.hc.client5.http.wire ")
            || line.contains(" org.apache.hc.client5.http.headers "));
    if (level != Logger.Level.NONE) {
      assertThat(lines).anySatisfy(line -> assertThat(line).contains("[WeChatApi#create] ---> POST")
          .contains("access_token=" + Redaction.MASK));
    }
    if (level == Logger.Level.FULL) {
      assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"access_token\":\"" + Redaction.MASK + "\""));
      if (mode == TokenMode.STABLE) {
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"secret\":\"" + Redaction.MASK + "\""));
      }
    }
    for (String secret : credentials(tokens)) {
      assertThat(lines).as("a line holding %s…", secret.substring(0, 6))
          .noneSatisfy(line -> assertThat(line).contains(secret));
    }
  }

  private static Set<String> credentials(Set<String> tokens) {
    Set<String> all = new LinkedHashSet<>(List.of(SECRET, encoded(SECRET), SECRET.substring(0, 12)));
    tokens.forEach(token -> {
      all.add(token);
      all.add(encoded(token));
    });
    return all;
  }

  private static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
