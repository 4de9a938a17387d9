package io.github.wechatqr.testkit;

import java.net.URI;

/**
 * A push as {@link FakeWeChatServer} builds it, ready to deliver (and to deliver again, as WeChat
 * retries an unanswered push with the same content).
 *
 * @param target the callback URL with {@code signature}, {@code timestamp}, {@code nonce}, {@code openid}
 *     and, when encrypted, {@code encrypt_type} and {@code msg_signature}
 * @param body the XML sent
 * @param plainXml the event XML before encryption (equal to {@code body} in plain mode)
 */
public record Push(URI target, String body, String plainXml) {}
