package io.github.wechatqr.it;

import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.WeChatApiException;
import java.time.Duration;

/**
 * One operation of the soak and how it ended.
 *
 * @param kind what was done
 * @param nanos how long it took
 * @param failure the domain exception it ended in, or {@code null} for a success
 */
record SoakOp(Kind kind, long nanos, QrCodeException failure) {
  static final String TIMEOUT = "timeout";
  static final String CONNECTION = "connection";
  static final String SERVER_ERROR = "HTTP 5xx";

  /** The operations a soak worker performs. */
  enum Kind {
    /** {@code QrCodeService.temporary} with a lifetime of 3..8 s. */
    ISSUE_TEMPORARY,
    /** {@code QrCodeService.permanent}. */
    ISSUE_PERMANENT,
    /** {@code QrCodeService.image} of a code served before. */
    DOWNLOAD,
    /** A scan pushed by the fake to the events adapter, resolved through the store. */
    RESOLVE,
    /** The store asked directly, by request and by ticket, for codes issued before (expired ones too). */
    LOOKUP
  }

  boolean succeeded() {
    return failure == null;
  }

  Duration duration() {
    return Duration.ofNanos(nanos);
  }

  /**
   * @return how the failure reads in the figures: the class and, for WeChat's refusals, the errcode;
   *     for {@code UpstreamUnavailable} the cause the gateway names (timeout, connection, HTTP 5xx), or
   *     else its whole message
   */
  String outcome() {
    if (failure == null) {
      return "ok";
    }
    String name = failure.getClass().getSimpleName();
    if (failure instanceof WeChatApiException refused) {
      return name + " " + refused.errcode();
    }
    if (failure instanceof UpstreamUnavailable busy && busy.errcode().isPresent()) {
      return name + " " + busy.errcode().getAsInt();
    }
    String message = String.valueOf(failure.getMessage());
    if (message.contains("no complete answer in time")) {
      return name + " (" + TIMEOUT + ")";
    }
    if (message.contains("connection failed or dropped") || message.contains("could not be read")) {
      return name + " (" + CONNECTION + ")";
    }
    if (message.matches(".*: HTTP 5\\d\\d( .*)?")) {
      return name + " (" + SERVER_ERROR + ")";
    }
    return name + ": " + message.replaceAll(" \\(attempt \\d+ of \\d+\\)", "");
  }
}
