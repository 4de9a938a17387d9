package io.github.wechatqr.events;

/**
 * What makes two deliveries the same push: WeChat retries with identical content, so the sender, the
 * creation second, the kind of message and, for events, the event and its key. {@code MsgId} tells apart
 * two messages a user sends in the same second.
 */
record DeliveryKey(String account, String openId, String createTime, String msgType, String event,
    String eventKey, String msgId) {}
