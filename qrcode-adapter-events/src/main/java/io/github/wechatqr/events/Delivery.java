package io.github.wechatqr.events;

import io.github.wechatqr.domain.InvalidCallback;
import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.port.PushLedger;
import java.time.Duration;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
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
  private final @Nullable PushLedger shared;
  private final Duration remembered;

  /**
   * @param resolver types a scan's scene
   * @param scans receives scans
   * @param others receives other pushes; {@code null} to just answer them {@code success}
   * @param deduplicator remembers handled pushes
   */
  Delivery(Function<ScanEvent, ResolvedScan> resolver, ScanListener scans, MessageListener others,
      Deduplicator deduplicator) {
    this(resolver, scans, others, deduplicator, null, Duration.ZERO);
  }

  /**
   * @param shared the ledger shared with other instances, asked about pushes this process has not seen;
   *     {@code null} for none
   * @param remembered how long the shared ledger remembers a handled push
   */
  Delivery(Function<ScanEvent, ResolvedScan> resolver, ScanListener scans, @Nullable MessageListener others,
      Deduplicator deduplicator, @Nullable PushLedger shared, Duration remembered) {
    this.shared = shared;
    this.remembered = remembered;
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
    CallbackResponse sharedAnswer = claimShared(push);
    if (sharedAnswer != null) {
      return sharedAnswer;
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
      reportShared(push, handled);
    }
  }

  /** @return the answer if the shared ledger settles the push (another instance has or is handling it), else null */
  private @Nullable CallbackResponse claimShared(Decoded push) {
    if (shared == null) {
      return null;
    }
    PushLedger.Claim claim;
    try {
      claim = shared.claim(push.key().hex());
    } catch (RuntimeException e) {
      deduplicator.abandoned(push.key());
      LOG.warn("the shared de-duplication ledger failed; answered 503 so WeChat delivers the push again: {}",
          e.getMessage());
      return new CallbackResponse(503, "the push cannot be handled now; deliver it again later");
    }
    switch (claim) {
      case DUPLICATE -> {
        deduplicator.completed(push.key());
        LOG.debug("duplicate delivery, handled on another instance (MsgType {}); answered success",
            push.message().msgType());
        return CallbackResponse.success();
      }
      case IN_PROGRESS -> {
        deduplicator.abandoned(push.key());
        return new CallbackResponse(503, "the same push is being handled now; deliver it again later");
      }
      default -> {
        return null;
      }
    }
  }

  /** Tells the shared ledger how the push went; a failure is logged, the answer stands. */
  private void reportShared(Decoded push, boolean handled) {
    if (shared == null) {
      return;
    }
    try {
      if (handled) {
        shared.completed(push.key().hex(), remembered);
      } else {
        shared.abandoned(push.key().hex());
      }
    } catch (RuntimeException e) { // a claim not completed lapses by itself; a retry may then run again
      LOG.warn("reporting a push to the shared de-duplication ledger failed: {}", e.getMessage());
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
