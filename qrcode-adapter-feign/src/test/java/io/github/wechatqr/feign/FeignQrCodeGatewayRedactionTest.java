package io.github.wechatqr.feign;

import static io.github.wechatqr.testkit.FakeWeChatServer.CREATE;
import static io.github.wechatqr.testkit.FakeWeChatServer.SHOW_QRCODE;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.Fault;
import io.github.wechatqr.testkit.JournalEntry;
import io.github.wechatqr.testkit.MutableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Runs every kind of failure in both token modes with all logging on (TRACE, Feign included) and then
 * searches every log line, every exception (message, causes, stack trace) and every {@code toString}
 * for the secrets and for each access token the server saw.
 */
class FeignQrCodeGatewayRedactionTest {
  private static final String APP_ID = "wxredact00000001";
  private static final String SECRET = "S3cr3t+Redact/Me=0123456789abcd";
  private static final String WRONG_SECRET = "Wr0ng+Secret/Value=9876543210ab";
  private static final String STUB_TOKEN = "stub-access-token-0123456789";
  // Nothing here counts requests, so a tight timeout is safe and keeps the run short.
  private static final Duration READ_TIMEOUT = Duration.ofMillis(250);
  private static final Duration SLOW = Duration.ofMillis(600);
  private static final QrCodeRequest REQUEST = QrCodeRequest.temporary(SceneValue.of(9), Duration.ofHours(1));

  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final List<Throwable> thrown = new ArrayList<>();
  private final List<String> strings = new ArrayList<>();

  @Test
  void no_secret_and_no_access_token_appears_in_any_log_line_exception_or_to_string() throws Exception {
    CapturedLogs.clear();
    Set<String> tokens = new LinkedHashSet<>();
    for (TokenMode mode : TokenMode.values()) {
      try (FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).account(APP_ID, SECRET).start()) {
        runEveryFailure(fake, mode);
        fake.journal().entries(CREATE).forEach(entry -> tokens.add(entry.query().get("access_token")));
        if (mode == TokenMode.CLASSIC) {
          assertThat(fake.journal().entries(FakeWeChatServer.TOKEN)).extracting(JournalEntry::rawQuery)
              .anySatisfy(query -> assertThat(query).contains(encoded(SECRET)));
        }
      }
    }
    runAgainstStubs();
    tokens.add(STUB_TOKEN);

    List<String> logs = CapturedLogs.lines();
    assertThat(tokens).hasSizeGreaterThanOrEqualTo(6).doesNotContainNull();
    assertThat(thrown).hasSizeGreaterThanOrEqualTo(20);
    assertThat(logs).anySatisfy(line -> assertThat(line).contains("---> POST"))
        .anySatisfy(line -> assertThat(line).contains("retrying in"))
        .anySatisfy(line -> assertThat(line).contains("rejected the access token"))
        .anySatisfy(line -> assertThat(line).contains("<--- ERROR"));

    List<String> haystack = new ArrayList<>(logs);
    haystack.addAll(strings);
    thrown.forEach(e -> haystack.add(fullText(e)));
    for (String secret : secretsAndEncodings(tokens)) {
      assertThat(haystack).as("text holding %s", secret.substring(0, 6) + "…")
          .noneSatisfy(text -> assertThat(text).contains(secret));
    }
  }

  private void runEveryFailure(FakeWeChatServer fake, TokenMode mode) {
    String tokenPath = mode == TokenMode.CLASSIC ? FakeWeChatServer.TOKEN : FakeWeChatServer.STABLE_TOKEN;
    try (FeignQrCodeGateway gateway = gateway(fake.baseUri(), fake.baseUri(), SECRET, mode)) {
      strings.add(gateway.toString());
      Ticket ticket = gateway.issue(REQUEST).ticket();
      gateway.download(ticket);
      for (int code : new int[] {40001, 42001, 40014}) {
        fake.failNext(CREATE, code, 1);
        attempt(() -> gateway.issue(REQUEST));
        fake.failNext(CREATE, code, 2);
        attempt(() -> gateway.issue(REQUEST));
      }
      for (int code : new int[] {41001, -1, 40013, 40125, 40164, 45009, 45011, 45029, 40053, 40097, 48001, 99999}) {
        fake.failNext(CREATE, code, 3);
        attempt(() -> gateway.issue(REQUEST));
        fake.clearFaults();
      }
      for (Fault fault : List.of(Fault.status(500), Fault.delay(SLOW), Fault.drop())) {
        int times = fault instanceof Fault.Delay ? 1 : 3; // one timeout per path is enough, and cheaper
        fake.failNext(CREATE, fault, times);
        attempt(() -> gateway.issue(REQUEST));
        fake.failNext(SHOW_QRCODE, fault, times);
        attempt(() -> gateway.download(ticket));
        fake.failNext(CREATE, 40001, 1).failNext(tokenPath, fault, times);
        attempt(() -> gateway.issue(REQUEST));
      }
      fake.failNext(CREATE, 40001, 1).failNext(tokenPath, 40164, 1);
      attempt(() -> gateway.issue(REQUEST));
      attempt(() -> gateway.download(new Ticket("gQH+never/issued==")));
    }
    try (FeignQrCodeGateway wrong = gateway(fake.baseUri(), fake.baseUri(), WRONG_SECRET, mode)) {
      strings.add(wrong.toString());
      attempt(() -> wrong.issue(REQUEST));
    }
  }

  private void runAgainstStubs() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + closedPort);
    try (StubServer stub = new StubServer()
        .answer(FakeWeChatServer.TOKEN, 200, "application/json",
            "{\"access_token\":\"" + STUB_TOKEN + "\",\"expires_in\":7200}")
        .answer(CREATE, 200, "text/html", "<html>" + STUB_TOKEN + "</html>")
        .answer(SHOW_QRCODE, 200, "text/html", "<html>login</html>");
        FeignQrCodeGateway stubbed = gateway(stub.baseUri(), stub.baseUri(), SECRET, TokenMode.CLASSIC);
        FeignQrCodeGateway refused = gateway(nowhere, nowhere, SECRET, TokenMode.CLASSIC)) {
      attempt(() -> stubbed.issue(REQUEST));
      attempt(() -> stubbed.download(new Ticket("abc")));
      attempt(() -> refused.issue(REQUEST));
      attempt(() -> refused.download(new Ticket("abc")));
    }
  }

  private FeignQrCodeGateway gateway(URI api, URI mp, String secret, TokenMode mode) {
    return FeignQrCodeGateway.builder().appId(APP_ID).secret(secret).apiBase(api).mpBase(mp).clock(clock)
        .tokenMode(mode).connectTimeout(Duration.ofSeconds(1)).readTimeout(READ_TIMEOUT)
        .backoff(Duration.ofMillis(1), Duration.ofMillis(2)).sleeper(new TestGateways.RecordingSleeper(clock))
        .build();
  }

  private void attempt(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      thrown.add(e);
    }
  }

  private static String fullText(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    return e + "\n" + trace;
  }

  private static Set<String> secretsAndEncodings(Set<String> tokens) {
    Set<String> all = new LinkedHashSet<>();
    for (String value : List.of(SECRET, WRONG_SECRET)) {
      all.add(value);
      all.add(encoded(value));
      all.add(value.substring(0, 12)); // a distinctive prefix catches partial quotes
    }
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
