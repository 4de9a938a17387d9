package io.github.wechatqr.feign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import feign.FeignException;
import feign.Request;
import feign.RetryableException;
import feign.codec.DecodeException;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.TicketNotFound;
import io.github.wechatqr.domain.WeChatApiException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailuresTest {
  private static final Request REQUEST = Request.create(Request.HttpMethod.POST, "http://127.0.0.1/cgi-bin/qrcode/create",
      Map.of(), new byte[0], StandardCharsets.UTF_8, null);

  private static final class Plain extends FeignException {
    private static final long serialVersionUID = 1L;

    Plain(Throwable cause) {
      super(200, "closed reading POST http://127.0.0.1/cgi-bin/qrcode/create", REQUEST, cause);
    }
  }

  private static RetryableException retryable(Throwable cause) {
    return new RetryableException(-1, "x executing POST", Request.HttpMethod.POST, cause, (Long) null, REQUEST);
  }

  @Test
  void system_busy_keeps_its_errcode_and_is_retryable_while_other_codes_are_not() {
    WeChatApiException busy = WeChatApiException.of(-1, "system error");
    assertThat(Failures.classify(busy)).isEqualTo(new Failure("-1", true, busy, null));
    WeChatApiException quota = WeChatApiException.of(45009, "reach max api daily quota limit");
    assertThat(Failures.classify(quota)).isEqualTo(new Failure("45009", false, quota, null));
  }

  @Test
  void a_missing_ticket_is_final() {
    TicketNotFound missing = new TicketNotFound(new Ticket("t"), "HTTP 404");
    assertThat(Failures.classify(missing)).isEqualTo(new Failure("not_found", false, missing, null));
  }

  @Test
  void a_read_past_the_deadline_a_connect_timeout_and_no_pooled_connection_in_time_are_retryable_timeouts() {
    Map<IOException, String> timeouts = Map.of(
        new SocketTimeoutException("no complete answer within 5000 ms"), "no complete answer in time",
        new ConnectTimeoutException("Connect to 127.0.0.1 timed out"), "no connection within the connect timeout",
        new ConnectionRequestTimeoutException("Timeout deadline: 3000 MILLISECONDS"),
        "no pooled connection free within the connect timeout");
    timeouts.forEach((cause, detail) -> {
      Failure failure = Failures.classify(retryable(cause));
      assertThat(failure.outcome()).as("%s", cause).isEqualTo("timeout");
      assertThat(failure.retryable()).isTrue();
      assertThat(failure.domain()).isNull();
      assertThat(failure.detail()).isEqualTo(detail);
    });
    assertThat(Failures.classify(new Plain(new SocketTimeoutException("Read timed out"))).outcome()).isEqualTo("timeout");
  }

  @Test
  void an_answer_over_its_cap_is_final_and_names_the_cap() {
    Failure failure = Failures.classify(new UpstreamFailure(FailureKind.OVERSIZE, "answer larger than 2097152 bytes"));
    assertThat(failure.outcome()).isEqualTo("oversize");
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.toException(Api.SHOW_QRCODE, 1, 3))
        .isExactlyInstanceOf(io.github.wechatqr.domain.UpstreamUnavailable.class)
        .hasMessage("GET /cgi-bin/showqrcode: answer larger than 2097152 bytes (attempt 1 of 3)");
  }

  @Test
  void a_refused_or_dropped_connection_is_a_retryable_connection_failure_named_by_class_only() {
    Failure refused = Failures.classify(retryable(new ConnectException("Connection refused")));
    assertThat(refused.outcome()).isEqualTo("connection");
    assertThat(refused.retryable()).isTrue();
    assertThat(refused.detail()).isEqualTo("connection failed or dropped (ConnectException)");
    Failure midBody = Failures.classify(new Plain(new ConnectionClosedException(
        "Premature end of Content-Length delimited message body (expected: 1,130; received: 8)")));
    assertThat(midBody.outcome()).isEqualTo("connection");
    assertThat(midBody.detail()).isEqualTo("connection failed or dropped (ConnectionClosedException)");
  }

  @Test
  void unparsable_json_is_malformed_and_final() {
    Failure parse = Failures.classify(new Plain(new JsonParseException(null, "Unexpected character '<'")));
    assertThat(parse.outcome()).isEqualTo("malformed");
    assertThat(parse.retryable()).isFalse();
    Failure decode = Failures.classify(new DecodeException(200, "boom", REQUEST));
    assertThat(decode.outcome()).isEqualTo("malformed");
  }

  @Test
  void an_internal_failure_keeps_its_kind() {
    Failure failure = Failures.classify(new UpstreamFailure(FailureKind.HTTP_5XX, "HTTP 502"));
    assertThat(failure).isEqualTo(new Failure("http_5xx", true, null, "HTTP 502"));
  }

  @Test
  void anything_else_is_unexpected_and_its_message_is_not_repeated() {
    Failure failure = Failures.classify(new IllegalStateException("url had access_token=abc"));
    assertThat(failure.outcome()).isEqualTo("unexpected");
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.toException(Api.CREATE, 1, 3).getMessage())
        .isEqualTo("POST /cgi-bin/qrcode/create: unexpected failure (IllegalStateException) (attempt 1 of 3)");
  }
}
