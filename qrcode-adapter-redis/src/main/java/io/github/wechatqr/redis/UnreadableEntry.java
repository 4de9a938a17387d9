package io.github.wechatqr.redis;

/**
 * A stored entry this release cannot read: a newer or unknown layout version, or a corrupt field. The
 * stores log it and treat the entry as absent; it never leaves this package.
 */
final class UnreadableEntry extends Exception {
  private static final long serialVersionUID = 1L;

  UnreadableEntry(String reason) {
    super(reason, null, false, false);
  }
}
