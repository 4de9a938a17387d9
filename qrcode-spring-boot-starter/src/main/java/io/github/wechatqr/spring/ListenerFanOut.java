package io.github.wechatqr.spring;

import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.events.CallbackMessage;
import io.github.wechatqr.events.MessageListener;
import io.github.wechatqr.events.ScanListener;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Hands each scan of one account to every {@link ScanListener} bean, then to every
 * {@link AccountScanListener} bean with the account's name, and each other push to every
 * {@link MessageListener} bean, in {@code @Order} order. The beans are looked up per push, so listeners need
 * not exist when the handler is built. If one throws, the rest are skipped and WeChat is answered 500, so it
 * delivers the push again to all of them: listeners must be idempotent.
 */
final class ListenerFanOut implements ScanListener, MessageListener {
  private final String account;
  private final ObjectProvider<ScanListener> scans;
  private final ObjectProvider<AccountScanListener> accountScans;
  private final ObjectProvider<MessageListener> messages;

  ListenerFanOut(String account, ObjectProvider<ScanListener> scans, ObjectProvider<AccountScanListener> accountScans,
      ObjectProvider<MessageListener> messages) {
    this.account = account;
    this.scans = scans;
    this.accountScans = accountScans;
    this.messages = messages;
  }

  @Override
  public void onScan(ResolvedScan scan) {
    scans.orderedStream().forEach(listener -> listener.onScan(scan));
    accountScans.orderedStream().forEach(listener -> listener.onScan(account, scan));
  }

  @Override
  public void onMessage(CallbackMessage message) {
    messages.orderedStream().forEach(listener -> listener.onMessage(message));
  }
}
