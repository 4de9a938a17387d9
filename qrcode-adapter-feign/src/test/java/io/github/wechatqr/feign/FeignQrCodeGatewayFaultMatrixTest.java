package io.github.wechatqr.feign;

import static io.github.wechatqr.testkit.FakeWeChatServer.CREATE;
import static io.github.wechatqr.testkit.FakeWeChatServer.SHOW_QRCODE;
import static io.github.wechatqr.testkit.FakeWeChatServer.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.AccessTokenRejected;
import io.github.wechatqr.domain.CredentialsRejected;
import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.QuotaExceeded;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.TicketNotFound;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.WeChatApiException;
import io.github.wechatqr.testkit.Await;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.Fault;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.QrImages;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each fault WeChat (the fake) can produce, injected into one call: the exception that surfaces or the
 * recovery, and exactly how many requests reached the server. Three attempts per call, as by default.
 * Every "try again later" outcome that outlasts the retries (-1, HTTP 5xx, timeouts, dropped connections)
 * is an {@link UpstreamUnavailable}.
 */
class FeignQrCodeGatewayFaultMatrixTest {
  private static final QrCodeRequest WEEK = QrCodeRequest.temporary(SceneValue.of(7), Duration.ofDays(7));
  private static final Class<? extends QrCodeException> OK = null;

  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start();
  private final TestGateways.RecordingSleeper sleeper = new TestGateways.RecordingSleeper(clock);
  private final FeignQrCodeGateway gateway = TestGateways.against(fake, clock, sleeper).build();

  @BeforeAll
  static void warmUp() {
    // The first JPEG the fake renders in a JVM is slow (ImageIO, ZXing); keep that out of the timed calls.
    QrImages.jpeg("http://weixin.qq.com/q/warm-up");
  }

  @AfterEach
  void close() {
    gateway.close();
    fake.close();
  }

  /** fault on create, times, expected exception (null: success), errcode, creates seen, token fetches. */
  static Stream<Arguments> createFaults() {
    return Stream.of(
        Arguments.of(Fault.errcode(-1), 2, OK, 0, 3, 1),
        Arguments.of(Fault.errcode(-1), 3, UpstreamUnavailable.class, -1, 3, 1),
        Arguments.of(Fault.errcode(40001), 1, OK, 0, 2, 2),
        Arguments.of(Fault.errcode(40001), 2, AccessTokenRejected.class, 40001, 2, 2),
        Arguments.of(Fault.errcode(42001), 1, OK, 0, 2, 2),
        Arguments.of(Fault.errcode(42001), 2, AccessTokenRejected.class, 42001, 2, 2),
        Arguments.of(Fault.errcode(40014), 1, OK, 0, 2, 2),
        Arguments.of(Fault.errcode(40014), 2, AccessTokenRejected.class, 40014, 2, 2),
        Arguments.of(Fault.errcode(41001), 1, AccessTokenRejected.class, 41001, 1, 1),
        Arguments.of(Fault.errcode(40013), 1, CredentialsRejected.class, 40013, 1, 1),
        Arguments.of(Fault.errcode(40125), 1, CredentialsRejected.class, 40125, 1, 1),
        Arguments.of(Fault.errcode(40164), 1, CredentialsRejected.class, 40164, 1, 1),
        Arguments.of(Fault.errcode(45009), 1, QuotaExceeded.class, 45009, 1, 1),
        Arguments.of(Fault.errcode(45011), 1, QuotaExceeded.class, 45011, 1, 1),
        Arguments.of(Fault.errcode(45029), 1, QuotaExceeded.class, 45029, 1, 1),
        Arguments.of(Fault.errcode(40053), 1, WeChatApiException.class, 40053, 1, 1),
        Arguments.of(Fault.errcode(40097), 1, WeChatApiException.class, 40097, 1, 1),
        Arguments.of(Fault.errcode(48001), 1, WeChatApiException.class, 48001, 1, 1),
        Arguments.of(Fault.errcode(61234), 1, WeChatApiException.class, 61234, 1, 1),
        Arguments.of(Fault.status(500), 2, OK, 0, 3, 1),
        Arguments.of(Fault.status(502), 3, UpstreamUnavailable.class, 0, 3, 1),
        Arguments.of(Fault.status(404), 1, UpstreamUnavailable.class, 0, 1, 1),
        Arguments.of(Fault.delay(TestGateways.SLOW), 1, OK, 0, 2, 1),
        Arguments.of(Fault.delay(TestGateways.SLOW), 3, UpstreamUnavailable.class, 0, 3, 1),
        Arguments.of(Fault.drop(), 1, OK, 0, 2, 1),
        Arguments.of(Fault.drop(), 3, UpstreamUnavailable.class, 0, 3, 1));
  }

  @ParameterizedTest(name = "create: {0} x{1}")
  @MethodSource("createFaults")
  void a_fault_on_create_is_survived_or_surfaces_with_the_exact_upstream_calls(Fault fault, int times,
      Class<? extends QrCodeException> expected, int errcode, int creates, int tokenFetches) {
    fake.failNext(CREATE, fault, times);
    expectOutcome(() -> fake.code(gateway.issue(WEEK).ticket()).orElseThrow(), expected, errcode);
    awaitRequests(CREATE, creates);
    assertThat(fake.journal().count(CREATE)).isEqualTo(creates);
    assertThat(fake.journal().tokenFetches()).isEqualTo(tokenFetches);
  }

  /** fault on the token call, times, expected exception, errcode, token fetches, creates seen. */
  static Stream<Arguments> tokenFaults() {
    return Stream.of(
        Arguments.of(Fault.errcode(-1), 1, OK, 0, 2, 1),
        Arguments.of(Fault.errcode(-1), 3, UpstreamUnavailable.class, -1, 3, 0),
        Arguments.of(Fault.errcode(40013), 1, CredentialsRejected.class, 40013, 1, 0),
        Arguments.of(Fault.errcode(40125), 1, CredentialsRejected.class, 40125, 1, 0),
        Arguments.of(Fault.errcode(40164), 1, CredentialsRejected.class, 40164, 1, 0),
        Arguments.of(Fault.errcode(45009), 1, QuotaExceeded.class, 45009, 1, 0),
        Arguments.of(Fault.status(503), 1, OK, 0, 2, 1),
        Arguments.of(Fault.status(503), 3, UpstreamUnavailable.class, 0, 3, 0),
        Arguments.of(Fault.delay(TestGateways.SLOW), 1, OK, 0, 2, 1),
        Arguments.of(Fault.drop(), 1, OK, 0, 2, 1),
        Arguments.of(Fault.drop(), 3, UpstreamUnavailable.class, 0, 3, 0));
  }

  @ParameterizedTest(name = "token: {0} x{1}")
  @MethodSource("tokenFaults")
  void a_fault_on_the_token_call_is_survived_or_surfaces_with_the_exact_upstream_calls(Fault fault, int times,
      Class<? extends QrCodeException> expected, int errcode, int tokenFetches, int creates) {
    fake.failNext(TOKEN, fault, times);
    expectOutcome(() -> gateway.issue(WEEK), expected, errcode);
    awaitRequests(TOKEN, tokenFetches);
    assertThat(fake.journal().count(TOKEN)).isEqualTo(tokenFetches);
    assertThat(fake.journal().count(CREATE)).isEqualTo(creates);
  }

  /** fault on showqrcode, times, expected exception, errcode, image requests seen. */
  static Stream<Arguments> imageFaults() {
    return Stream.of(
        Arguments.of(Fault.status(404), 1, TicketNotFound.class, 0, 1),
        Arguments.of(Fault.status(500), 1, OK, 0, 2),
        Arguments.of(Fault.status(503), 3, UpstreamUnavailable.class, 0, 3),
        Arguments.of(Fault.errcode(-1), 1, OK, 0, 2),
        Arguments.of(Fault.errcode(-1), 3, UpstreamUnavailable.class, -1, 3),
        Arguments.of(Fault.errcode(40097), 1, WeChatApiException.class, 40097, 1),
        Arguments.of(Fault.delay(TestGateways.SLOW), 1, OK, 0, 2),
        Arguments.of(Fault.drop(), 2, OK, 0, 3),
        Arguments.of(Fault.drop(), 3, UpstreamUnavailable.class, 0, 3));
  }

  @ParameterizedTest(name = "showqrcode: {0} x{1}")
  @MethodSource("imageFaults")
  void a_fault_on_showqrcode_is_survived_or_surfaces_with_the_exact_upstream_calls(Fault fault, int times,
      Class<? extends QrCodeException> expected, int errcode, int shows) {
    Ticket ticket = gateway.issue(WEEK).ticket();
    fake.failNext(SHOW_QRCODE, fault, times);
    expectOutcome(() -> gateway.download(ticket), expected, errcode);
    awaitRequests(SHOW_QRCODE, shows);
    assertThat(fake.journal().count(SHOW_QRCODE)).as(fake.journal().toString()).isEqualTo(shows);
  }

  @Test
  void after_a_second_rejection_the_next_call_starts_from_a_fresh_token() {
    fake.failNext(CREATE, 40001, 2);
    assertThatThrownBy(() -> gateway.issue(WEEK)).isInstanceOf(AccessTokenRejected.class);
    gateway.issue(WEEK);
    assertThat(fake.journal().tokenFetches()).isEqualTo(3);
    assertThat(fake.journal().count(CREATE)).isEqualTo(3);
  }

  @Test
  void a_stale_token_everywhere_still_ends_after_one_refresh_per_call() {
    fake.failNext(CREATE, 42001, 10);
    for (int call = 1; call <= 3; call++) {
      assertThatThrownBy(() -> gateway.issue(WEEK)).isInstanceOf(AccessTokenRejected.class);
    }
    // per call: one token, one rejection, one refresh, one more rejection; never a third attempt
    assertThat(fake.journal().count(CREATE)).isEqualTo(6);
    assertThat(fake.journal().tokenFetches()).isEqualTo(6);
  }

  @Test
  void a_refused_connection_is_retried_then_reported_as_upstream_unavailable() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (FeignQrCodeGateway nowhere = TestGateways.against(fake, clock, sleeper)
        .apiBase(java.net.URI.create("http://127.0.0.1:" + closedPort)).build()) {
      assertThatThrownBy(() -> nowhere.issue(WEEK))
          .isInstanceOf(UpstreamUnavailable.class)
          .hasMessageContaining("connection")
          .hasMessageContaining("attempt 3 of 3")
          .hasNoCause();
    }
    assertThat(sleeper.waits).hasSize(2);
  }

  @Test
  void transient_failures_wait_a_growing_jittered_backoff_between_attempts() {
    fake.failNext(CREATE, -1, 2);
    gateway.issue(WEEK);
    // configured 4 ms doubling to at most 16 ms; each wait lies in [base/2, base]
    assertThat(sleeper.waits).hasSize(2);
    assertThat(sleeper.waits.get(0)).isBetween(Duration.ofMillis(2), Duration.ofMillis(4));
    assertThat(sleeper.waits.get(1)).isBetween(Duration.ofMillis(4), Duration.ofMillis(8));
  }

  @Test
  void malformed_json_from_create_is_upstream_unavailable_and_not_retried() {
    try (StubServer stub = new StubServer()
        .answer(TOKEN, 200, "application/json", "{\"access_token\":\"stub-token-1\",\"expires_in\":7200}")
        .answer(CREATE, 200, "text/html", "<html>gateway error</html>");
        FeignQrCodeGateway stubbed = TestGateways.against(fake, clock, sleeper).apiBase(stub.baseUri()).build()) {
      assertThatThrownBy(() -> stubbed.issue(WEEK))
          .isExactlyInstanceOf(UpstreamUnavailable.class)
          .hasMessage("POST /cgi-bin/qrcode/create: the answer is not the expected JSON (attempt 1 of 3)");
      assertThat(stub.count(CREATE)).isEqualTo(1);
    }
  }

  @Test
  void a_token_answer_without_a_token_is_upstream_unavailable() {
    try (StubServer stub = new StubServer().answer(TOKEN, 200, "application/json", "{\"expires_in\":7200}");
        FeignQrCodeGateway stubbed = TestGateways.against(fake, clock, sleeper).apiBase(stub.baseUri()).build()) {
      assertThatThrownBy(() -> stubbed.issue(WEEK))
          .isExactlyInstanceOf(UpstreamUnavailable.class)
          .hasMessageContaining("the answer has no access_token");
      assertThat(stub.count(TOKEN)).isEqualTo(1);
      assertThat(stub.count(CREATE)).isZero();
    }
  }

  @Test
  void an_empty_create_answer_is_upstream_unavailable() {
    try (StubServer stub = new StubServer()
        .answer(TOKEN, 200, "application/json", "{\"access_token\":\"stub-token-1\",\"expires_in\":7200}")
        .answer(CREATE, 200, "application/json", "");
        FeignQrCodeGateway stubbed = TestGateways.against(fake, clock, sleeper).apiBase(stub.baseUri()).build()) {
      assertThatThrownBy(() -> stubbed.issue(WEEK)).isExactlyInstanceOf(UpstreamUnavailable.class);
      assertThat(stub.count(CREATE)).isEqualTo(1);
    }
  }

  @Test
  void a_page_instead_of_an_image_is_a_clear_error_that_is_not_retried() {
    try (StubServer stub = new StubServer()
        .answer(SHOW_QRCODE, 200, "text/html; charset=utf-8", "<html>please log in</html>");
        FeignQrCodeGateway stubbed = TestGateways.against(fake, clock, sleeper).mpBase(stub.baseUri()).build()) {
      assertThatThrownBy(() -> stubbed.download(new Ticket("gQH+ab/c==")))
          .isExactlyInstanceOf(UpstreamUnavailable.class)
          .hasMessage("GET /cgi-bin/showqrcode: expected an image, got \"text/html; charset=utf-8\" (attempt 1 of 3)");
      assertThat(stub.count(SHOW_QRCODE)).isEqualTo(1);
    }
  }

  @Test
  void a_closed_gateway_refuses_calls() {
    gateway.close();
    assertThatThrownBy(() -> gateway.issue(WEEK)).isInstanceOf(UpstreamUnavailable.class).hasMessageContaining("closed");
    assertThat(fake.journal().entries()).isEmpty();
  }

  /** Success ({@code expected == null}: the call returns a result) or exactly that exception and errcode. */
  private static void expectOutcome(Supplier<?> call, Class<? extends QrCodeException> expected, int errcode) {
    if (expected == null) {
      assertThat(call.get()).isNotNull();
      return;
    }
    assertThatThrownBy(call::get).isExactlyInstanceOf(expected).hasNoCause().satisfies(thrown -> {
      if (thrown instanceof WeChatApiException refused) {
        assertThat(refused.errcode()).isEqualTo(errcode);
        assertThat(refused.errmsg()).isNotBlank();
      }
      if (thrown instanceof UpstreamUnavailable unavailable) {
        // -1 (system busy) keeps its errcode; every other "try again later" has none
        assertThat(unavailable.errcode().orElse(0)).isEqualTo(errcode);
      }
    });
  }

  /** A request the client gave up on may reach the fake a moment later: wait for it, failing loudly. */
  private void awaitRequests(String path, long expected) {
    Await.until(expected + " requests to " + path + " in the journal", () -> fake.journal().count(path),
        count -> count >= expected, Duration.ofSeconds(5));
  }
}
