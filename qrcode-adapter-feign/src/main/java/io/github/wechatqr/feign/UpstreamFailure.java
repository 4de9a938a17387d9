package io.github.wechatqr.feign;

/**
 * An attempt's failure below the protocol, raised inside this module and translated by {@link Failures}
 * into {@link io.github.wechatqr.domain.UpstreamUnavailable}. Never escapes the module.
 */
final class UpstreamFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final FailureKind kind;

  /**
   * @param kind the kind, which decides retries and the metric tag
   * @param detail a few words; never a credential
   */
  UpstreamFailure(FailureKind kind, String detail) {
    super(detail, null, false, false);
    this.kind = kind;
  }

  FailureKind kind() {
    return kind;
  }
}
