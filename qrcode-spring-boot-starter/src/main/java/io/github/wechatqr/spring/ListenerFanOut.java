package io.github.wechatqr.spring;

import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.events.CallbackMessage;
import io.github.wechatqr.events.MessageListener;
import io.github.wechatqr.events.ScanListener;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Hands each scan to every {@link ScanListener} bean and each other push to every {@link MessageListener}
 * bean, in {@code @Order} order. The beans are looked up per push, so listeners need not exist when the
 * handler is built. If one throws, the rest are skipped and WeChat is answered 500, so it delivers the push
 * again to all of them: listeners must be idempotent.
 */
final class ListenerFanOut implements ScanListener, MessageListener {
  private final ObjectProvider<ScanListener> scans;
  private final ObjectProvider<MessageListener> messages;

  ListenerFanOut(ObjectProvider<ScanListener> scans, ObjectProvider<MessageListener> messages) {
    this.scans = scans;
    this.messages = messages;
  }

  @Override
  public void onScan(ResolvedScan scan) {
    scans.orderedStream().forEach(listener -> listener.onScan(scan));
  }

  @Override
  public void onMessage(CallbackMessage message) {
    messages.orderedStream().forEach(listener -> listener.onMessage(message));
  }
}
