package io.github.wechatqr.spring;

import io.github.wechatqr.domain.InvalidCallback;
import io.github.wechatqr.domain.InvalidQrCodeRequest;
import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.QuotaExceeded;
import io.github.wechatqr.domain.TicketNotFound;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.WeChatApiException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a {@link QrCodeException} that reaches a controller with an RFC 9457 problem detail instead of a
 * 500: a broken request rule 400, an unknown or expired code 404, a used-up quota 429, a refusal of WeChat's
 * 502, WeChat unreachable or busy 503. WeChat's errcode is the property {@code errcode}. The detail of a
 * 4xx is the exception's message, which describes the caller's own input; the detail of a 5xx or a 429 is a
 * fixed sentence, because WeChat's errmsg and the adapters' messages speak of this server (its IP address,
 * its Redis) to a caller who can do nothing about it; they are logged instead. No message of the library
 * holds a secret. Last in order, so every handler of the application comes first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
final class QrCodeProblemDetails {
  /** WeChat's answer to 45011 says to try again in the next minute. */
  static final Duration MINUTE_QUOTA_RETRY = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(QrCodeProblemDetails.class);

  @ExceptionHandler(QrCodeException.class)
  ResponseEntity<ProblemDetail> problem(QrCodeException failure) {
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(status(failure));
    if (failure instanceof QuotaExceeded quota && quota.errcode() == 45011) {
      answer.header(HttpHeaders.RETRY_AFTER, Long.toString(MINUTE_QUOTA_RETRY.toSeconds()));
    }
    return answer.body(describe(failure));
  }

  static HttpStatus status(QrCodeException failure) {
    if (failure instanceof InvalidQrCodeRequest || failure instanceof InvalidCallback) {
      return HttpStatus.BAD_REQUEST;
    } else if (failure instanceof TicketNotFound) {
      return HttpStatus.NOT_FOUND;
    } else if (failure instanceof QuotaExceeded) {
      return HttpStatus.TOO_MANY_REQUESTS;
    } else if (failure instanceof WeChatApiException) {
      return HttpStatus.BAD_GATEWAY;
    } else if (failure instanceof UpstreamUnavailable) {
      return HttpStatus.SERVICE_UNAVAILABLE;
    }
    return HttpStatus.INTERNAL_SERVER_ERROR;
  }

  private static ProblemDetail describe(QrCodeException failure) {
    HttpStatus status = status(failure);
    ProblemDetail problem = ProblemDetail.forStatus(status);
    switch (status) {
      case BAD_REQUEST -> {
        problem.setTitle(failure instanceof InvalidCallback ? "Invalid callback" : "Invalid QR code request");
        problem.setDetail(failure.getMessage());
        if (failure instanceof InvalidQrCodeRequest invalid) {
          problem.setProperty("field", invalid.field());
          problem.setProperty("allowed", invalid.allowed());
        }
      }
      case NOT_FOUND -> {
        problem.setTitle("QR code not found");
        problem.setDetail("WeChat has no image for this code: it expired, or it was never issued");
      }
      case TOO_MANY_REQUESTS -> {
        problem.setTitle("WeChat quota exceeded");
        problem.setDetail(((QuotaExceeded) failure).permanentCodeLimit()
            ? "the account holds as many permanent codes as WeChat allows" : "a quota of the account is used up");
      }
      case BAD_GATEWAY -> {
        problem.setTitle("WeChat refused the call");
        problem.setDetail("WeChat refused the call with errcode " + ((WeChatApiException) failure).errcode());
      }
      case SERVICE_UNAVAILABLE -> {
        problem.setTitle("WeChat unavailable");
        problem.setDetail("WeChat could not be reached or was busy; try again later");
      }
      default -> {
        problem.setTitle("QR code failure");
        problem.setDetail("the QR code operation failed");
      }
    }
    if (failure instanceof WeChatApiException refusal) {
      problem.setProperty("errcode", refusal.errcode());
    } else if (failure instanceof UpstreamUnavailable unavailable) {
      unavailable.errcode().ifPresent(errcode -> problem.setProperty("errcode", errcode));
    }
    log(status, failure);
    return problem;
  }

  /** What the caller is not told, the operator is: the server's side of a 429 or 5xx. */
  private static void log(HttpStatus status, QrCodeException failure) {
    if (status == HttpStatus.INTERNAL_SERVER_ERROR) {
      LOG.error("answered {}: {}", status.value(), failure.getMessage(), failure);
    } else if (status.is5xxServerError() || status == HttpStatus.TOO_MANY_REQUESTS) {
      LOG.warn("answered {}: {}: {}", status.value(), failure.getClass().getSimpleName(), failure.getMessage());
    }
  }
}
