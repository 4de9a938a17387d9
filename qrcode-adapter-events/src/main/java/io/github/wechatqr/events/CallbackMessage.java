package io.github.wechatqr.events;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A push that is not a QR scan (a text message, a menu click, a plain {@code subscribe} from search, an
 * event type this library does not know), handed to the fallback {@link MessageListener} after its
 * signature, timestamp and, in safe mode, its encryption have been checked.
 *
 * @param account the account pushed to ({@code ToUserName})
 * @param openId who caused it ({@code FromUserName})
 * @param createdAt its {@code CreateTime}
 * @param msgType {@code MsgType}, such as {@code text} or {@code event}
 * @param event {@code Event} for an event push, else {@code null}
 * @param eventKey {@code EventKey}, or {@code null} if absent
 * @param xml the whole message XML (decrypted in safe mode), to read any other field from
 */
public record CallbackMessage(String account, String openId, Instant createdAt, String msgType,
    @Nullable String event, @Nullable String eventKey, String xml) {

  /** Checks that the fields every push carries are present. */
  public CallbackMessage {
    requireText("account", account);
    requireText("openId", openId);
    requireText("msgType", msgType);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(xml, "xml");
  }

  private static void requireText(String name, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(name + " must be present");
    }
  }
}
