package io.github.wechatqr.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.wechatqr.domain.IssuedTicket;
import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.TicketNotFound;
import io.github.wechatqr.domain.WeChatApiException;
import io.github.wechatqr.domain.port.QrCodeGateway;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link QrCodeGateway} without HTTP, backed by the same model as {@link FakeWeChatServer} (the same
 * rules, tickets and real JPEG images), for unit tests of code that uses {@code QrCodeService}.
 *
 * <pre>{@code
 * InMemoryQrCodeGateway gateway = new InMemoryQrCodeGateway(clock);
 * QrCode code = service.temporary(SceneValue.of(1), Duration.ofMinutes(5));
 * assertThat(gateway.issueCount()).isEqualTo(1);
 * ResolvedScan scan = service.resolve(gateway.scan(code.ticket(), "openid-1", false));
 * }</pre>
 */
public final class InMemoryQrCodeGateway implements QrCodeGateway {
  private final WeChatModel model;
  private final FakeAccount account;
  private final AtomicInteger issues = new AtomicInteger();
  private final AtomicInteger downloads = new AtomicInteger();
  private final ConcurrentLinkedQueue<QrCodeException> failures = new ConcurrentLinkedQueue<>();

  /**
   * Creates a gateway with the default permanent-code quota.
   *
   * @param clock the model's time: codes expire by it
   */
  public InMemoryQrCodeGateway(Clock clock) {
    this(clock, 100_000);
  }

  /**
   * Creates a gateway with a permanent-code quota.
   *
   * @param clock the model's time: codes expire by it
   * @param permanentQuota how many permanent codes may be created before 45029
   */
  public InMemoryQrCodeGateway(Clock clock, int permanentQuota) {
    this.account = new FakeAccount(FakeWeChatServer.DEFAULT_APPID, "unused");
    this.model = new WeChatModel(clock, Map.of(account.appId, account), Duration.ZERO, permanentQuota);
  }

  /** On a running fake's own state: see {@link FakeWeChatServer#gateway()}. */
  InMemoryQrCodeGateway(WeChatModel model, FakeAccount account) {
    this.model = model;
    this.account = account;
  }

  @Override
  public IssuedTicket issue(QrCodeRequest request) {
    issues.incrementAndGet();
    QrCodeException failure = failures.poll();
    if (failure != null) {
      throw failure;
    }
    try {
      FakeCode code = model.codes.create(account, body(request));
      Duration lifetime = code.permanent() ? null : Duration.between(code.createdAt(), code.expiresAt());
      return new IssuedTicket(new Ticket(code.ticket()), code.url(), lifetime);
    } catch (ModelError e) {
      throw WeChatApiException.of(e.errcode, e.errmsg);
    }
  }

  @Override
  public QrImage download(Ticket ticket) {
    downloads.incrementAndGet();
    byte[] jpeg = model.image(ticket.value());
    if (jpeg == null) {
      throw new TicketNotFound(ticket, "HTTP 404");
    }
    return new QrImage(jpeg, "image/jpg", Duration.ofSeconds(604_800));
  }

  /**
   * Simulates a user scanning one of this gateway's codes, without HTTP and without a server: the
   * {@link ScanEvent} WeChat would push, to hand to {@code QrCodeService.resolve} and a listener, or to any
   * code that takes scan events. The user follows the account from then on.
   *
   * <pre>{@code
   * ScanEvent scan = gateway.scan(code.ticket(), "openid-1", false);
   * listener.onScan(service.resolve(scan)); // an events adapter ScanListener, or any consumer
   * }</pre>
   *
   * @param ticket the ticket of a code this gateway issued, still valid by its clock
   * @param openId who scans
   * @param follower {@code true}: a follower, so a {@code SCAN} event with the bare scene; {@code false}:
   *     a {@code subscribe} event, the scene prefixed by {@code qrscene_} in the push
   * @return the event, created at the clock's current second
   * @throws TicketNotFound if the ticket is unknown here or expired: WeChat pushes no scan for it
   */
  public ScanEvent scan(Ticket ticket, String openId, boolean follower) {
    return model.scan(ticket, openId, follower).event();
  }

  /**
   * Makes the next {@link #issue} throw instead of creating a code.
   *
   * @param failure thrown by the next {@link #issue} instead of creating a code
   */
  public void failNextIssue(QrCodeException failure) {
    failures.add(failure);
  }

  /** Returns how many times {@link #issue} was called. */
  public int issueCount() {
    return issues.get();
  }

  /** Returns how many times {@link #download} was called. */
  public int downloadCount() {
    return downloads.get();
  }

  private static ObjectNode body(QrCodeRequest request) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    if (!request.isPermanent()) {
      body.put("expire_seconds", request.lifetime().toSeconds());
    }
    body.put("action_name", request.type().actionName());
    ObjectNode scene = body.putObject("action_info").putObject("scene");
    if (request.scene() instanceof SceneValue.Id id) {
      scene.put("scene_id", id.value());
    } else {
      scene.put("scene_str", request.scene().text());
    }
    return body;
  }
}
