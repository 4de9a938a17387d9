package io.github.wechatqr.events;

/**
 * What makes two deliveries the same push: WeChat retries with identical content, so the sender, the
 * creation second, the kind of message and, for events, the event and its key. {@code MsgId} tells apart
 * two messages a user sends in the same second. Kept as a {@link Fingerprint} (32 bytes), never as the
 * fields themselves: the de-duplication memory has a fixed size per push, whatever a push carries.
 */
final class DeliveryKey {
  private DeliveryKey() {}

  /**
   * @param account {@code ToUserName}
   * @param openId {@code FromUserName}
   * @param createTime {@code CreateTime}, as sent
   * @param msgType {@code MsgType}
   * @param event {@code Event}, or {@code null}
   * @param eventKey {@code EventKey}, or {@code null}
   * @param msgId {@code MsgId}, or {@code null}
   * @return the push's fingerprint
   */
  static Fingerprint of(String account, String openId, String createTime, String msgType, String event,
      String eventKey, String msgId) {
    return Fingerprint.of(account, openId, createTime, msgType, event, eventKey, msgId);
  }
}
