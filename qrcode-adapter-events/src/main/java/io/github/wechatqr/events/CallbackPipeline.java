package io.github.wechatqr.events;

import io.github.wechatqr.domain.InvalidCallback;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of one request and the status each failure earns. Before the signature is checked, a
 * malformed request is a 400, a bad signature or a stale timestamp a 403, an oversized body a 413, each
 * with its reason: none of that depends on anything secret. After the signature checked out, every
 * refusal is one and the same answer ({@link Refusals#REFUSED}), whatever was wrong. Nothing escapes: an
 * unexpected failure anywhere is a 500, so WeChat delivers the push again.
 */
final class CallbackPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(CallbackPipeline.class);
  /** The answer when the receiver itself failed. */
  static final CallbackResponse FAILED =
      new CallbackResponse(500, "the receiver failed; WeChat will deliver the push again");

  private final PushDecoder decoder;
  private final Delivery delivery;
  private final Refusals refusals;
  private final int maxBodyBytes;

  CallbackPipeline(PushDecoder decoder, Delivery delivery, Refusals refusals, int maxBodyBytes) {
    this.decoder = decoder;
    this.delivery = delivery;
    this.refusals = refusals;
    this.maxBodyBytes = maxBodyBytes;
  }

  CallbackResponse handle(String method, Map<String, String> query, byte[] body) {
    try {
      return route(method, query, body);
    } catch (Throwable e) { // whatever happens, the request is answered
      LOG.error("answering a callback request failed; answered 500 so WeChat delivers it again", e);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return FAILED;
    }
  }

  private CallbackResponse route(String method, Map<String, String> query, byte[] body) {
    if ("GET".equals(method)) {
      return verifyUrl(query);
    }
    if (!"POST".equals(method)) {
      return refuse(405, "method not allowed: use GET or POST");
    }
    if (body.length > maxBodyBytes) {
      LOG.debug("refused a callback request: 413");
      return tooLarge(maxBodyBytes);
    }
    return authenticated(() -> decoder.signed(query, body), signed -> {
      try {
        return delivery.deliver(decoder.read(signed));
      } catch (InvalidCallback e) {
        return refusals.refuse(signed, e.getMessage());
      }
    });
  }

  private CallbackResponse verifyUrl(Map<String, String> query) {
    return authenticated(() -> decoder.signedUrl(query),
        signed -> new CallbackResponse(200, query.get("echostr")));
  }

  /** Reads the signed parts (a failure is a 400), checks them (a 403), then goes on. */
  private CallbackResponse authenticated(Supplier<Signed> parts, Function<Signed, CallbackResponse> next) {
    Signed signed;
    try {
      signed = parts.get();
    } catch (InvalidCallback e) {
      return refuse(400, e.getMessage());
    }
    try {
      decoder.authenticate(signed);
    } catch (InvalidCallback e) {
      return refuse(403, e.getMessage());
    }
    return next.apply(signed);
  }

  /** @return the answer to a body over {@code maxBodyBytes}, whether read or only declared */
  static CallbackResponse tooLarge(int maxBodyBytes) {
    return new CallbackResponse(413, "body too large: more than " + maxBodyBytes + " bytes");
  }

  private static CallbackResponse refuse(int status, String reason) {
    LOG.debug("refused a callback request: {} {}", status, reason);
    return new CallbackResponse(status, reason);
  }
}
