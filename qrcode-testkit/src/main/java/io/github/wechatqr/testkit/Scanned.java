package io.github.wechatqr.testkit;

import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.Ticket;
import java.time.Instant;

/**
 * One scan as WeChat would push it: {@code subscribe} with {@code qrscene_<scene>} for a user who did not
 * follow the account yet, {@code SCAN} with the bare scene for a follower.
 *
 * @param account the account of the code
 * @param code the code scanned
 * @param openId who scanned
 * @param subscribe whether the user followed by this scan
 * @param createTime the push's {@code CreateTime}, whole seconds of the model's clock
 */
record Scanned(FakeAccount account, FakeCode code, String openId, boolean subscribe, long createTime) {

  ScanEvent event() {
    return new ScanEvent(subscribe ? ScanEvent.Kind.SUBSCRIBE : ScanEvent.Kind.SCAN, openId,
        account.originalId, code.scene(), new Ticket(code.ticket()), Instant.ofEpochSecond(createTime));
  }

  String xml() {
    return PushXml.scan(account.originalId, openId, createTime, subscribe ? "subscribe" : "SCAN",
        subscribe ? ScanEvent.SUBSCRIBE_PREFIX + code.scene() : code.scene(), code.ticket());
  }
}
