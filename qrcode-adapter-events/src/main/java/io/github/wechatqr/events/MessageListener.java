package io.github.wechatqr.events;

/**
 * Receives the pushes that are not QR scans, once each. Returning normally answers WeChat
 * {@code success}; throwing answers HTTP 500 so WeChat delivers the push again.
 *
 * <pre>{@code
 * MessageListener others = message -> log.info("{} from {}", message.msgType(), message.openId());
 * }</pre>
 */
@FunctionalInterface
public interface MessageListener {

  /**
   * Receives an authenticated push that is not a scan.
   *
   * @param message the authenticated push
   */
  void onMessage(CallbackMessage message);
}
