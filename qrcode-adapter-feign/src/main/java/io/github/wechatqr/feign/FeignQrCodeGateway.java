package io.github.wechatqr.feign;

import io.github.wechatqr.domain.InvalidQrCodeRequest;
import io.github.wechatqr.domain.IssuedTicket;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.port.QrCodeGateway;
import java.net.URI;
import java.time.Clock;

/**
 * The WeChat {@link QrCodeGateway} over OpenFeign and Apache HttpClient 5 (classic, pooled). It owns the
 * access token's lifecycle (through an {@link io.github.wechatqr.domain.token.AccessTokenStore} made once
 * around the gateway's token fetcher), maps every answer's {@code errcode} to the
 * domain's exceptions, retries transient failures with bounded exponential backoff, and keeps
 * {@code secret} and {@code access_token} out of every log line, exception message and {@code toString}.
 * Throws only {@link io.github.wechatqr.domain.QrCodeException}s. Thread-safe; one instance per account
 * shares its HTTP connections among all callers.
 *
 * <pre>{@code
 * try (FeignQrCodeGateway gateway = FeignQrCodeGateway.builder()
 *     .appId("wx1234567890abcdef")
 *     .secret(System.getenv("WECHAT_SECRET"))
 *     .build()) {
 *   QrCodeService qrcodes = new QrCodeService(gateway, store, Clock.systemUTC());
 *   ...
 * }
 * }</pre>
 */
public final class FeignQrCodeGateway implements QrCodeGateway, AutoCloseable {
  /** WeChat's api base. */
  public static final String DEFAULT_API_BASE = "https://api.weixin.qq.com";
  /** WeChat's mp base, where {@code showqrcode} lives. */
  public static final String DEFAULT_MP_BASE = "https://mp.weixin.qq.com";

  private final Settings settings;
  private final FeignWiring wiring;
  private final RetryPolicy retry;
  private final TokenedCalls tokens;
  private volatile boolean closed;

  FeignQrCodeGateway(FeignQrCodeGatewayBuilder builder) {
    this.settings = new Settings(builder.appId, builder.secret, builder.apiBase, builder.mpBase,
        builder.connectTimeout, builder.readTimeout, builder.tokenMode, builder.maxConnections, builder.maxImageBytes);
    GatewayMetrics metrics = builder.registry == null ? GatewayMetrics.NONE : new MicrometerMetrics(builder.registry);
    this.retry = new RetryPolicy(builder.retryLimits(), builder.clock, builder.sleeper, builder.jitter, metrics);
    this.wiring = new FeignWiring(settings, builder.idleTimeout, builder.feignLogLevel);
    TokenFetcher fetcher = new TokenFetcher(settings, wiring.api, retry, builder.clock, metrics);
    this.tokens = new TokenedCalls(builder.tokenStoreFactory().create(fetcher));
  }

  /** Returns a builder; {@code appId} and {@code secret} are required, everything else has a default. */
  public static FeignQrCodeGatewayBuilder builder() {
    return new FeignQrCodeGatewayBuilder();
  }

  @Override
  public IssuedTicket issue(QrCodeRequest request) {
    present("request", request);
    ensureOpen();
    CreateBody body = CreateBody.of(request);
    return tokens.call(token -> retry.call(Api.CREATE, () -> wiring.api.create(token.value(), body).issued()));
  }

  @Override
  public QrImage download(Ticket ticket) {
    present("ticket", ticket);
    ensureOpen();
    String encoded = ticket.urlEncoded();
    return retry.call(Api.SHOW_QRCODE, () -> ImageAnswer.read(ticket, wiring.mp.showQrCode(encoded).response()));
  }

  /**
   * The {@code showqrcode} link of a ticket, for a browser or an {@code <img>}: the ticket encoded once,
   * exactly as {@link #download(Ticket)} sends it, and no access token.
   *
   * @param ticket the ticket
   * @return e.g. {@code https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=gQH%2B...%3D%3D}
   */
  public String imageUrl(Ticket ticket) {
    return showQrCodeUrl(settings.mpBase(), ticket);
  }

  /**
   * The {@code showqrcode} link of a ticket at an mp base, without a gateway: the link needs no
   * credentials, so none are asked for. The same link as {@link #imageUrl(Ticket)}.
   *
   * @param mpBase where showqrcode lives, e.g. {@value #DEFAULT_MP_BASE}
   * @param ticket the ticket
   * @return the link, the ticket encoded once and no access token
   * @throws IllegalArgumentException if {@code mpBase} is not a plain http or https address
   * @throws InvalidQrCodeRequest if {@code ticket} is null
   */
  public static String showQrCodeUrl(URI mpBase, Ticket ticket) {
    return showQrCodeUrl(Settings.base("mpBase", mpBase == null ? null : mpBase.toString()), ticket);
  }

  private static String showQrCodeUrl(String mpBase, Ticket ticket) {
    present("ticket", ticket);
    return mpBase + "/cgi-bin/showqrcode?ticket=" + ticket.urlEncoded();
  }

  /**
   * Refuses further calls with {@link UpstreamUnavailable}, closes every HTTP connection (a call under way
   * ends in {@link UpstreamUnavailable}) and stops the HTTP client's idle-connection thread; returns within
   * about a second. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    wiring.close();
  }

  /** The HTTP transport, for tests of the pool. */
  HttpTransport transport() {
    return wiring.transport;
  }

  private static void present(String name, Object value) {
    if (value == null) {
      throw new InvalidQrCodeRequest(name, null, "present");
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new UpstreamUnavailable("the gateway is closed");
    }
  }

  @Override
  public String toString() {
    return "FeignQrCodeGateway[appId=" + settings.appId() + ", secret=<redacted>, apiBase=" + settings.apiBase()
        + ", mpBase=" + settings.mpBase() + ", tokenMode=" + settings.tokenMode() + "]";
  }
}
