package io.github.wechatqr.domain.service;

import io.github.wechatqr.domain.IssuedTicket;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.port.QrCodeGateway;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Counts calls; issue() can be held on a gate and can be told what to answer, download() which max-age to send. */
final class FakeGateway implements QrCodeGateway {
  final List<QrCodeRequest> issued = new CopyOnWriteArrayList<>();
  final List<Ticket> downloaded = new CopyOnWriteArrayList<>();
  private final AtomicInteger serial = new AtomicInteger();
  volatile CountDownLatch gate = new CountDownLatch(0);
  volatile CountDownLatch entered = new CountDownLatch(0);
  volatile Function<QrCodeRequest, IssuedTicket> answer = this::grantAsAsked;
  volatile Duration maxAge = Duration.ofDays(7);
  volatile Runnable whileDownloading = () -> { };

  @Override
  public IssuedTicket issue(QrCodeRequest request) {
    issued.add(request);
    entered.countDown();
    await(gate);
    return answer.apply(request);
  }

  @Override
  public QrImage download(Ticket ticket) {
    downloaded.add(ticket);
    whileDownloading.run();
    return new QrImage(new byte[] {(byte) 0xFF, (byte) 0xD8}, "image/jpg", maxAge);
  }

  IssuedTicket grantAsAsked(QrCodeRequest request) {
    int n = serial.incrementAndGet();
    return new IssuedTicket(new Ticket("ticket+" + n + "/="), "http://weixin.qq.com/q/" + n,
        request.lifetime());
  }

  static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("gate not opened within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
