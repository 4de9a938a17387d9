package io.github.wechatqr.testkit;

/**
 * The callback's answer to a push.
 *
 * @param push what was delivered
 * @param status the HTTP status the callback answered
 * @param body the answer's body
 */
public record PushResult(Push push, int status, String body) {}
