package io.github.wechatqr.domain.session;

import io.github.wechatqr.domain.IssuedTicket;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.port.QrCodeGateway;
import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.service.QrCodeService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A QrCodeService over a gateway and a store in memory, and scans of its codes, for the session tests. */
final class Sessions {
  private Sessions() {}

  static QrCodeService service(Clock clock) {
    AtomicInteger serial = new AtomicInteger();
    QrCodeGateway gateway = new QrCodeGateway() {
      @Override
      public IssuedTicket issue(QrCodeRequest request) {
        int n = serial.incrementAndGet();
        return new IssuedTicket(new Ticket("gQH" + n + "=="), "http://weixin.qq.com/q/" + n, request.lifetime());
      }

      @Override
      public QrImage download(Ticket ticket) {
        throw new UnsupportedOperationException("no images in these tests");
      }
    };
    Map<QrCodeRequest, QrCode> byRequest = new ConcurrentHashMap<>();
    Map<Ticket, QrCode> byTicket = new ConcurrentHashMap<>();
    QrCodeStore store = new QrCodeStore() {
      @Override
      public Optional<QrCode> findByRequest(QrCodeRequest request) {
        return Optional.ofNullable(byRequest.get(request));
      }

      @Override
      public Optional<QrCode> findByTicket(Ticket ticket) {
        return Optional.ofNullable(byTicket.get(ticket));
      }

      @Override
      public void save(QrCode code) {
        byRequest.put(code.request(), code);
        byTicket.put(code.ticket(), code);
      }
    };
    return new QrCodeService(gateway, store, clock);
  }

  static ScanEvent scanOf(ScanSession session, String openId, ScanEvent.Kind kind, Instant at) {
    return new ScanEvent(kind, openId, "gh_0123456789ab", session.id(), session.code().ticket(), at);
  }

  static QrCode code(String id, Instant issuedAt, Duration lifetime) {
    QrCodeRequest request = QrCodeRequest.temporary(io.github.wechatqr.domain.SceneValue.of(id), lifetime);
    return new QrCode(request, new Ticket("gQH-" + id.hashCode()), "http://weixin.qq.com/q/x", issuedAt,
        issuedAt.plus(lifetime));
  }
}
