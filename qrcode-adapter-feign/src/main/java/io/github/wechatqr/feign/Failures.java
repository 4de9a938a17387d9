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
import org.apache.hc.client5.http.ConnectTimeoutException;
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
      // -1 alone is worth another attempt; after the last, Failure turns it into UpstreamUnavailable
      return new Failure(Integer.toString(refused.errcode()),
          refused.errcode() == WeChatApiException.SYSTEM_BUSY, refused, null);
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
      return io(io.getCause());
    }
    if (thrown instanceof DecodeException || thrown.getCause() instanceof JsonProcessingException) {
      return below(FailureKind.MALFORMED, "the answer is not the expected JSON");
    }
    if (thrown instanceof FeignException && thrown.getCause() instanceof IOException io) {
      return io(io);
    }
    return below(FailureKind.UNEXPECTED, FailureKind.UNEXPECTED.description() + named(thrown));
  }

  /**
   * An I/O failure of the exchange: a connect timeout, no pooled connection free in time, or a read past
   * the answer's deadline is a {@link FailureKind#TIMEOUT}; anything else (refused, reset, cut off in the
   * middle of the answer) a {@link FailureKind#CONNECTION} failure named by its class.
   */
  private static Failure io(Throwable cause) {
    if (cause instanceof ConnectTimeoutException) {
      return below(FailureKind.TIMEOUT, "no connection within the connect timeout");
    }
    if (cause instanceof ConnectionRequestTimeoutException) {
      return below(FailureKind.TIMEOUT, "no pooled connection free within the connect timeout");
    }
    if (cause instanceof SocketTimeoutException) {
      return below(FailureKind.TIMEOUT, FailureKind.TIMEOUT.description());
    }
    return below(FailureKind.CONNECTION, FailureKind.CONNECTION.description() + named(cause));
  }

  private static Failure below(FailureKind kind, String detail) {
    return new Failure(kind.tag(), kind.retryable(), null, detail);
  }

  private static String named(Throwable cause) {
    return cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")";
  }
}
