package io.github.wechatqr.events;

/**
 * The elements of a push this library reads, as they stand in the XML: text kept exactly (CDATA
 * whitespace and emoji survive, nothing is trimmed), {@code null} when absent.
 */
record XmlFields(String toUserName, String fromUserName, String createTime, String msgType, String event,
    String eventKey, String ticket, String msgId, String encrypt) {}
