package io.github.wechatqr.domain.token;

import java.util.Locale;

/** Why a store fetches a token; the gateway acts on it and counts it. */
public enum RefreshReason {
  /** No usable token is held, or the held one entered its refresh-ahead window. */
  DUE,
  /** WeChat rejected the current token: the fetch must bring a different one. */
  REJECTED;

  /** Returns the lower-case name, as metrics tag it ({@code due}, {@code rejected}). */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
