package io.github.wechatqr.bench;

import io.github.wechatqr.domain.IssuedTicket;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.feign.FeignQrCodeGateway;
import io.github.wechatqr.testkit.FakeWeChatServer;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.bean.result.WxMpQrCodeTicket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Scenario 2: a cold create (a new scene id on every call; the access token already cached) against the
 * same {@link FakeWeChatServer}: {@link FeignQrCodeGateway#issue}, the hand-written loop on Apache
 * HttpClient 5 ({@link RawHc5WeChat}, the transport baseline) and WxJava's {@code qrCodeCreateTmpTicket};
 * and, for reference, the same hand-written loop on {@code java.net.http} and on {@code HttpURLConnection}
 * ({@link RawWeChat}). The thread count comes from the subclass: {@link ColdCreateOneThread},
 * {@link ColdCreateSixteenThreads}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class ColdCreate {
  private static final long EXPIRE_SECONDS = Upstream.LIFETIME.toSeconds();

  private final AtomicInteger scenes = new AtomicInteger();
  private FakeWeChatServer fake;
  private FeignQrCodeGateway gateway;
  private RawWeChat raw;
  private RawHc5WeChat rawHc5;
  private WxMpService wxJava;

  /** Starts the fake and the clients, each with its token fetched. */
  @Setup(Level.Trial)
  public void start() throws WxErrorException {
    Clock clock = Clock.systemUTC();
    fake = FakeWeChatServer.builder().clock(clock).start();
    gateway = Upstream.gateway(fake, clock);
    raw = new RawWeChat(fake.baseUri(), fake.appId(), fake.secret());
    rawHc5 = new RawHc5WeChat(fake.baseUri(), fake.appId(), fake.secret());
    wxJava = WxJava.service(WxJava.config(fake, "unused-callback-token", null));
    // Each client fetches its token now (the fake's classic token keeps the older ones valid 5 minutes).
    feign();
    raw();
    rawBlocking();
    rawHc5();
    wxJava();
  }

  /** Keeps the fake's journal from growing across iterations. */
  @Setup(Level.Iteration)
  public void forgetRequests() {
    fake.journal().clear();
  }

  /** Stops the clients and the fake. */
  @TearDown(Level.Trial)
  public void stop() {
    gateway.close();
    rawHc5.close();
    fake.close();
  }

  /** @return the ticket, through the Feign gateway */
  @Benchmark
  public IssuedTicket feign() {
    return gateway.issue(QrCodeRequest.temporary(SceneValue.of(scenes.incrementAndGet()), Upstream.LIFETIME));
  }

  /** @return the answer, through the hand-written loop */
  @Benchmark
  public RawWeChat.Created raw() {
    return raw.create(RawWeChat.idBody(scenes.incrementAndGet(), EXPIRE_SECONDS));
  }

  /** @return the answer, through the same loop on {@code HttpURLConnection} (reference: the transport) */
  @Benchmark
  public RawWeChat.Created rawBlocking() {
    return raw.createBlocking(RawWeChat.idBody(scenes.incrementAndGet(), EXPIRE_SECONDS));
  }

  /** @return the answer, through the same loop on Apache HttpClient 5 (the transport baseline) */
  @Benchmark
  public RawWeChat.Created rawHc5() {
    return rawHc5.create(RawWeChat.idBody(scenes.incrementAndGet(), EXPIRE_SECONDS));
  }

  /**
   * @return the ticket, through WxJava
   * @throws WxErrorException if the fake refused
   */
  @Benchmark
  public WxMpQrCodeTicket wxJava() throws WxErrorException {
    return wxJava.getQrcodeService().qrCodeCreateTmpTicket(scenes.incrementAndGet(), (int) EXPIRE_SECONDS);
  }
}
