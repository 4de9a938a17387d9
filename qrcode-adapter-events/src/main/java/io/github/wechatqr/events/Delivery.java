package io.github.wechatqr.events;

import io.github.wechatqr.domain.InvalidCallback;
import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.domain.ScanEvent;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands an authenticated push to its listener once: scans resolved first, other messages to the
 * fallback, duplicates answered {@code success} without a call, failures answered 5xx so WeChat retries.
 * A scan the resolver refuses throws {@link InvalidCallback}, for the pipeline to refuse like a malformed push.
 */
final class Delivery {
  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

  private final Function<ScanEvent, ResolvedScan> resolver;
  private final ScanListener scans;
  private final MessageListener others;
  private final Deduplicator deduplicator;

  /**
   * @param resolver types a scan's scene
   * @param scans receives scans
   * @param others receives other pushes; {@code null} to just answer them {@code success}
   * @param deduplicator remembers handled pushes
   */
  Delivery(Function<ScanEvent, ResolvedScan> resolver, ScanListener scans, MessageListener others,
      Deduplicator deduplicator) {
    this.resolver = resolver;
    this.scans = scans;
    this.others = others;
    this.deduplicator = deduplicator;
  }

  CallbackResponse deliver(Decoded push) {
    if (push.scan() == null && others == null) {
      LOG.debug("no listener for MsgType {}; answered success", push.message().msgType());
      return CallbackResponse.success();
    }
    switch (deduplicator.claim(push.key())) {
      case DUPLICATE -> {
        LOG.debug("duplicate delivery (MsgType {}); answered success", push.message().msgType());
        return CallbackResponse.success();
      }
      case IN_PROGRESS -> {
        return new CallbackResponse(503, "the same push is being handled now; deliver it again later");
      }
      default -> {
        // FIRST: handled below
      }
    }
    boolean handled = false;
    try {
      CallbackResponse answer = dispatch(push);
      handled = answer.isSuccess();
      return answer;
    } finally {
      if (handled) {
        deduplicator.completed(push.key());
      } else {
        deduplicator.abandoned(push.key());
      }
    }
  }

  /** @throws InvalidCallback if the resolver refuses the scan: refused like a malformed push */
  private CallbackResponse dispatch(Decoded push) {
    if (push.scan() == null) {
      return call(() -> others.onMessage(push.message()));
    }
    ResolvedScan resolved;
    try {
      resolved = resolver.apply(push.scan());
    } catch (InvalidCallback e) {
      throw e;
    } catch (Throwable e) { // an Error of the store's is answered too
      LOG.warn("resolving a scan failed; answered 503 so WeChat delivers it again", e);
      restoreInterrupt(e);
      return new CallbackResponse(503, "the scan cannot be resolved now; deliver it again later");
    }
    return call(() -> scans.onScan(resolved));
  }

  /**
   * Runs a listener. Whatever it throws — a RuntimeException, an Error, a checked exception thrown
   * sneakily — is logged and answered 500, so WeChat delivers the push again and the worker goes on.
   */
  private static CallbackResponse call(Runnable listener) {
    try {
      listener.run();
      return CallbackResponse.success();
    } catch (Throwable e) { // every outcome of a listener is answered
      if (e instanceof Error) {
        LOG.error("the listener failed with an Error; answered 500 so WeChat delivers the push again", e);
      } else {
        LOG.warn("the listener failed; answered 500 so WeChat delivers the push again", e);
      }
      restoreInterrupt(e);
      return new CallbackResponse(500, "the listener failed; WeChat will deliver the push again");
    }
  }

  private static void restoreInterrupt(Throwable e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
  }
}
