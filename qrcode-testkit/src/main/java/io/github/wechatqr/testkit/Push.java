package io.github.wechatqr.testkit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A push as {@link FakeWeChatServer} builds it, ready to deliver over HTTP ({@link FakeWeChatServer#deliver},
 * again if need be, as WeChat retries an unanswered push with the same content) or straight to a callback
 * handler in the same JVM, without HTTP:
 *
 * <pre>{@code
 * Push push = fake.push(ticket, "openid-1", false);
 * CallbackResponse answer = handler.handle("POST", push.query(), push.bodyBytes());
 * }</pre>
 *
 * @param target the callback URL with {@code signature}, {@code timestamp}, {@code nonce}, {@code openid}
 *     and, when encrypted, {@code encrypt_type} and {@code msg_signature}
 * @param query those parameters, decoded
 * @param body the XML sent
 * @param plainXml the event XML before encryption (equal to {@code body} in plain mode)
 */
public record Push(URI target, Map<String, String> query, String body, String plainXml) {

  /** Copies the query. */
  public Push {
    Objects.requireNonNull(target, "target");
    query = Map.copyOf(query);
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(plainXml, "plainXml");
  }

  /**
   * The body as a callback handler reads it.
   *
   * @return the body in UTF-8
   */
  public byte[] bodyBytes() {
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
