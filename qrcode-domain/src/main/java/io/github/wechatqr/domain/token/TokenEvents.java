package io.github.wechatqr.domain.token;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.QrCodeException;
import java.time.Instant;

/**
 * What a {@link TokenKeeper} tells about the work nobody waits for, so that an adapter can log or count
 * it (the domain itself logs nothing). Every method has a default that does nothing.
 */
public interface TokenEvents {
  /** Tells nothing to anyone. */
  TokenEvents NONE = new TokenEvents() { };

  /**
   * A background refresh brought a new token.
   *
   * @param token the new token
   */
  default void refreshedAhead(AccessToken token) { }

  /**
   * A background refresh failed, or brought no token outside the refresh window; the current token
   * stays in use.
   *
   * @param failure what it failed with, or {@code null} if it only brought no newer token
   * @param nextTry when the next background refresh may start
   */
  default void refreshFailed(Throwable failure, Instant nextTry) { }

  /**
   * The token call was refused in a way no retry cures; the refusal is thrown to every caller until
   * {@code until}, without a call.
   *
   * @param refusal the refusal
   * @param until when the next token call may be made
   */
  default void refusalRemembered(QrCodeException refusal, Instant until) { }
}
