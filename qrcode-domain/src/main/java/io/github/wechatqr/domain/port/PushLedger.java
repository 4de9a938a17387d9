package io.github.wechatqr.domain.port;

import java.time.Duration;

/**
 * Remembers, for every instance of a host application, which of WeChat's pushes were handled, so that a
 * retry that reaches another instance than the first delivery is still recognised. The callback handler
 * keeps its own memory in process and asks the ledger only about pushes that memory has not seen. A push
 * is claimed while its listener runs (a claim lapses on its own after a while, so a crashed instance holds
 * nothing for long), then completed (remembered for the window) or abandoned (forgotten, so WeChat's next
 * delivery is handled afresh). Pushes are named by an opaque id (the handler's fingerprint of the push,
 * never its fields). Thread-safe.
 */
public interface PushLedger {

  /** The outcome of a claim. */
  enum Claim {
    /** Not handled and not in progress anywhere: the caller handles it and then reports back. */
    FIRST,
    /** Handled already, on some instance, within the window. */
    DUPLICATE,
    /** Some instance is handling the same push right now. */
    IN_PROGRESS
  }

  /**
   * Claims a push, atomically across instances: of any number of claims at once, one is {@code FIRST}.
   *
   * @param pushId the push's fingerprint, as hex
   * @return what the caller should do
   * @throws io.github.wechatqr.domain.UpstreamUnavailable if the ledger could not be reached
   */
  Claim claim(String pushId);

  /**
   * Records a claimed push as handled.
   *
   * @param pushId the push's fingerprint, as hex
   * @param remembered how long to remember it
   * @throws io.github.wechatqr.domain.UpstreamUnavailable if the ledger could not be reached
   */
  void completed(String pushId, Duration remembered);

  /**
   * Drops this caller's claim of a push whose handling failed; another instance's claim stays.
   *
   * @param pushId the push's fingerprint, as hex
   * @throws io.github.wechatqr.domain.UpstreamUnavailable if the ledger could not be reached
   */
  void abandoned(String pushId);
}
