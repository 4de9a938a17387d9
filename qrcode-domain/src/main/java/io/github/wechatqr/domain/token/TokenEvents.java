package io.github.wechatqr.domain.token;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.QrCodeException;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a {@link TokenKeeper} tells about the work nobody waits for, so that an adapter can log or count
 * it (the domain itself logs nothing). Every method has a default that does nothing.
 */
public interface TokenEvents {
  /** Tells nothing to anyone. */
  TokenEvents NONE = new TokenEvents() { };

  /**
   * Describes each event in one line free of secrets (a token's expiry, never its value; of an exception
   * that is not the domain's only its type), for an adapter's logger:
   * {@code TokenEvents.describedTo(LOG::debug, LOG::warn)}.
   *
   * @param routine where a refresh that went well is told
   * @param trouble where a failed refresh or a remembered refusal is told
   * @return the events
   */
  static TokenEvents describedTo(Consumer<String> routine, Consumer<String> trouble) {
    Objects.requireNonNull(routine, "routine");
    Objects.requireNonNull(trouble, "trouble");
    return new TokenEvents() {
      @Override
      public void refreshedAhead(AccessToken token) {
        routine.accept("Access token refreshed ahead of its expiry; the new one expires at " + token.expiresAt());
      }

      @Override
      public void refreshFailed(Throwable failure, Instant nextTry) {
        trouble.accept("Access token refresh ahead of expiry "
            + (failure == null ? "brought no newer token" : "failed (" + describe(failure) + ")")
            + "; the current token stays in use and the next try comes after " + nextTry);
      }

      @Override
      public void refusalRemembered(QrCodeException refusal, Instant until) {
        trouble.accept("The token call was refused (" + refusal.getMessage() + "); every call fails with it until "
            + until + " without asking WeChat");
      }

      private String describe(Throwable failure) {
        return failure instanceof QrCodeException ? failure.getMessage() : failure.getClass().getName();
      }
    };
  }

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
