package io.github.wechatqr.feign;

import com.fasterxml.jackson.core.JsonProcessingException;
import feign.FeignException;
import feign.RetryableException;
import feign.codec.DecodeException;
import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.TicketNotFound;
import io.github.wechatqr.domain.WeChatApiException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;

/**
 * Translates whatever an attempt threw into a {@link Failure}. Feign, Jackson, HttpClient and
 * {@code java.net} exceptions stop here: only their kind and class name survive, never their message or the
 * exception itself, because those may quote a request.
 */
final class Failures {
  private Failures() {}

  static Failure classify(RuntimeException thrown) {
    if (Thread.currentThread().isInterrupted()) {
      return below(FailureKind.INTERRUPTED, "the calling thread was interrupted");
    }
    if (thrown instanceof WeChatApiException refused) {
      return new Failure(Integer.toString(refused.errcode()), refused.retryable(), refused, null);
    }
    if (thrown instanceof TicketNotFound missing) {
      return new Failure("not_found", false, missing, null);
    }
    if (thrown instanceof QrCodeException other) {
      return new Failure("rejected", false, other, null);
    }
    if (thrown instanceof UpstreamFailure failure) {
      return below(failure.kind(), failure.getMessage());
    }
    if (thrown instanceof RetryableException io) {
      return timedOut(io.getCause())
          ? below(FailureKind.TIMEOUT, FailureKind.TIMEOUT.description())
          : below(FailureKind.CONNECTION, FailureKind.CONNECTION.description() + named(io.getCause()));
    }
    if (thrown instanceof DecodeException || thrown.getCause() instanceof JsonProcessingException) {
      return below(FailureKind.MALFORMED, "the answer is not the expected JSON");
    }
    if (thrown instanceof FeignException && thrown.getCause() instanceof IOException io) {
      return timedOut(io)
          ? below(FailureKind.TIMEOUT, FailureKind.TIMEOUT.description())
          : below(FailureKind.CONNECTION, FailureKind.CONNECTION.description() + named(io));
    }
    return below(FailureKind.UNEXPECTED, FailureKind.UNEXPECTED.description() + named(thrown));
  }

  /**
   * A read past the answer's deadline or socket timeout, a connect timeout (HttpClient's
   * {@code ConnectTimeoutException} is a {@code SocketTimeoutException}) or no pooled connection in time.
   */
  private static boolean timedOut(Throwable cause) {
    return cause instanceof SocketTimeoutException || cause instanceof ConnectionRequestTimeoutException;
  }

  private static Failure below(FailureKind kind, String detail) {
    return new Failure(kind.tag(), kind.retryable(), null, detail);
  }

  private static String named(Throwable cause) {
    return cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")";
  }
}
