package io.github.wechatqr.feign;

import static io.github.wechatqr.testkit.FakeWeChatServer.CREATE;
import static io.github.wechatqr.testkit.FakeWeChatServer.SHOW_QRCODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.Fault;
import io.github.wechatqr.testkit.MutableClock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The adapter's {@link RetryPolicy} is the only retry: Feign retries nothing, HttpClient neither retries
 * (not a dropped connection, not a hang-up before the answer, not a 503) nor follows redirects. Counted
 * on the wire: requests per call are exactly {@code maxAttempts}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NoRetriesBelowFeignTest {
  private static final QrCodeRequest REQUEST = QrCodeRequest.temporary(SceneValue.of(5), Duration.ofHours(1));

  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start();

  @AfterEach
  void close() {
    fake.close();
  }

  private FeignQrCodeGateway gateway(int maxAttempts) {
    return TestGateways.against(fake, clock, new TestGateways.RecordingSleeper(clock)).maxAttempts(maxAttempts).build();
  }

  @ParameterizedTest(name = "{0} dropped, maxAttempts {1}")
  @CsvSource({"/cgi-bin/qrcode/create, 1", "/cgi-bin/qrcode/create, 3",
      "/cgi-bin/showqrcode, 1", "/cgi-bin/showqrcode, 3"})
  void a_dropped_connection_costs_exactly_max_attempts_requests(String path, int maxAttempts) {
    try (FeignQrCodeGateway gateway = gateway(maxAttempts)) {
      Ticket ticket = gateway.issue(REQUEST).ticket();
      fake.journal().clear();
      fake.failNext(path, Fault.drop(), 10);
      assertThatThrownBy(() -> {
        if (path.equals(CREATE)) {
          gateway.issue(REQUEST);
        } else {
          gateway.download(ticket);
        }
      }).isExactlyInstanceOf(UpstreamUnavailable.class)
          .hasMessageContaining("connection failed or dropped")
          .hasMessageEndingWith("(attempt " + maxAttempts + " of " + maxAttempts + ")");
      assertThat(fake.journal().count(path)).as(fake.journal().toString()).isEqualTo(maxAttempts);
      assertThat(fake.journal().entries()).hasSize(maxAttempts);
    }
  }

  @ParameterizedTest(name = "HTTP 503 on showqrcode, maxAttempts {0}")
  @CsvSource({"1", "2"})
  void a_503_on_the_idempotent_image_call_is_not_retried_by_the_http_client(int maxAttempts) {
    try (FeignQrCodeGateway gateway = gateway(maxAttempts)) {
      Ticket ticket = gateway.issue(REQUEST).ticket();
      fake.failNext(SHOW_QRCODE, Fault.status(503), 10);
      assertThatThrownBy(() -> gateway.download(ticket)).isExactlyInstanceOf(UpstreamUnavailable.class)
          .hasMessageContaining("HTTP 503");
      assertThat(fake.journal().count(SHOW_QRCODE)).isEqualTo(maxAttempts);
    }
  }

  @Test
  void a_server_that_hangs_up_before_answering_gets_one_request_per_attempt() throws Exception {
    try (RawServer server = new RawServer((request, out) -> RawServer.hangUp());
        FeignQrCodeGateway gateway = TestGateways.against(fake, clock, new TestGateways.RecordingSleeper(clock))
            .mpBase(server.baseUri()).maxAttempts(2).build()) {
      assertThatThrownBy(() -> gateway.download(new Ticket("t"))).isExactlyInstanceOf(UpstreamUnavailable.class)
          .hasMessageContaining("connection failed or dropped (NoHttpResponseException)");
      assertThat(server.received()).hasSize(2);
    }
  }

  @Test
  void a_redirect_is_not_followed() throws Exception {
    try (RawServer server = new RawServer((request, out) -> {
          out.write(RawServer.ascii("HTTP/1.1 302 Found\r\nLocation: /cgi-bin/showqrcode?ticket=elsewhere\r\n"
              + "Content-Length: 0\r\n\r\n"));
          out.flush();
          return true;
        });
        FeignQrCodeGateway gateway = TestGateways.against(fake, clock, new TestGateways.RecordingSleeper(clock))
            .mpBase(server.baseUri()).build()) {
      assertThatThrownBy(() -> gateway.download(new Ticket("t"))).isExactlyInstanceOf(UpstreamUnavailable.class)
          .hasMessage("GET /cgi-bin/showqrcode: HTTP 302 (attempt 1 of 3)");
      assertThat(server.received()).extracting(RawServer.Received::requestLine)
          .containsExactly("GET /cgi-bin/showqrcode?ticket=t HTTP/1.1");
    }
  }
}
