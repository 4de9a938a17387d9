package io.github.wechatqr.testkit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A code as {@link FakeWeChatServer} issued it, for tests to inspect.
 *
 * @param ticket the ticket
 * @param url the content URL
 * @param appId the account that created it
 * @param actionName {@code QR_SCENE}, {@code QR_STR_SCENE}, {@code QR_LIMIT_SCENE} or {@code QR_LIMIT_STR_SCENE}
 * @param scene the scene as text (the id's decimal form or the string)
 * @param createdAt when it was created, by the server's clock
 * @param expiresAt when it stops working; {@code null} for a permanent code
 */
public record FakeCode(String ticket, String url, String appId, String actionName, String scene,
    Instant createdAt, @Nullable Instant expiresAt) {

  /** Returns whether the code never expires. */
  public boolean permanent() {
    return expiresAt == null;
  }

  /**
   * Tells whether WeChat would still serve and push for the code at {@code now}.
   *
   * @param now an instant
   * @return whether WeChat would still serve and push for the code
   */
  public boolean isValidAt(Instant now) {
    return expiresAt == null || now.isBefore(expiresAt);
  }
}
