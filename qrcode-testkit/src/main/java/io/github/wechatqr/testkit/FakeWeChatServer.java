package io.github.wechatqr.testkit;

import com.sun.net.httpserver.HttpServer;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.TicketNotFound;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A stateful fake of the WeChat service behind a real HTTP server on 127.0.0.1: {@code /cgi-bin/token},
 * {@code /cgi-bin/stable_token}, {@code /cgi-bin/qrcode/create} and {@code /cgi-bin/showqrcode}, with the
 * protocol's rules and error codes, real JPEG images, fault injection, a request journal and simulated
 * scans pushed to a callback URL. Serves both the api and the mp base (they are the same address).
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
 * try (FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start()) {
 *   QrCodeGateway gateway = myGateway(fake.baseUri(), fake.appId(), fake.secret(), clock);
 *   fake.failNext(FakeWeChatServer.CREATE, Fault.errcode(40001), 1);
 *   ...
 *   assertThat(fake.journal().tokenFetches()).isEqualTo(2);
 * }
 * }</pre>
 */
public final class FakeWeChatServer implements AutoCloseable {
  /** Path of the classic token call. */
  public static final String TOKEN = "/cgi-bin/token";
  /** Path of the stable token call. */
  public static final String STABLE_TOKEN = "/cgi-bin/stable_token";
  /** Path of the create call. */
  public static final String CREATE = "/cgi-bin/qrcode/create";
  /** Path of the image call. */
  public static final String SHOW_QRCODE = "/cgi-bin/showqrcode";
  /** The appid of the account every server has unless told otherwise. */
  public static final String DEFAULT_APPID = "wxfake0000000001";
  /** The secret of that account; a made-up value, never a real one. */
  public static final String DEFAULT_SECRET = "fakesecret000000000000000000001";

  private static final AtomicInteger SERVERS = new AtomicInteger();

  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY every answer waits ~40 ms
    // for the client's delayed ACK. Read once by the JDK, so it must be set before the first server starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer http;
  private final ExecutorService workers;
  private final WeChatModel model;
  private final FaultPlan faults = new FaultPlan();
  private final RequestJournal journal = new RequestJournal();
  private final PushSimulator pushes;
  private final String firstAppId;
  private final AtomicBoolean closed = new AtomicBoolean();

  private FakeWeChatServer(Builder builder) throws IOException {
    Map<String, FakeAccount> accounts = new LinkedHashMap<>();
    builder.accounts.forEach((appId, secret) -> {
      SecretLedger.record(secret);
      accounts.put(appId, new FakeAccount(appId, secret));
    });
    this.firstAppId = builder.accounts.keySet().iterator().next();
    this.model = new WeChatModel(builder.clock, accounts, builder.tokenOverlap, builder.permanentQuota,
        builder.images);
    this.pushes = new PushSimulator(model);
    int id = SERVERS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(builder.threads, task -> {
      Thread thread = new Thread(task, "fake-wechat-" + id + "-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 256);
    http.createContext("/", new FakeHttp(model, faults, journal));
    http.setExecutor(workers);
    http.start();
  }

  /** Returns a server with the default account on a free port, on the system clock. */
  public static FakeWeChatServer start() {
    return builder().start();
  }

  /** Returns a builder for accounts, clock, port, token overlap, quota and worker threads. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns {@code http://127.0.0.1:PORT}, to use as both the api and the mp base. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** Returns the port the server listens on. */
  public int port() {
    return http.getAddress().getPort();
  }

  /** Returns the appid of the first account. */
  public String appId() {
    return firstAppId;
  }

  /** Returns the secret of the first account. */
  public String secret() {
    return model.accounts.get(firstAppId).secret;
  }

  /** Returns every request received so far. */
  public RequestJournal journal() {
    return journal;
  }

  /**
   * Answers the next {@code times} calls to a path with a WeChat error code.
   *
   * @param path e.g. {@link #CREATE}
   * @param errcode answered to the next {@code times} calls; 40001 also retires the presented token
   * @param times how many calls
   * @return this server
   */
  public FakeWeChatServer failNext(String path, int errcode, int times) {
    return failNext(path, Fault.errcode(errcode), times);
  }

  /**
   * Answers the next {@code times} calls to a path with a fault.
   *
   * @param path e.g. {@link #SHOW_QRCODE}
   * @param fault what the next {@code times} calls get
   * @param times how many calls
   * @return this server
   */
  public FakeWeChatServer failNext(String path, Fault fault, int times) {
    faults.add(path, fault, times);
    return this;
  }

  /**
   * Faults every path at random after the queued faults: each call is faulted with probability
   * {@code rate}, with a fault drawn from {@code faults}; reproducible for a given seed and call order.
   *
   * @param rate 0..1
   * @param seed the random seed
   * @param faults the faults to draw from
   * @return this server
   */
  public FakeWeChatServer faultRandomly(double rate, long seed, List<Fault> faults) {
    this.faults.randomly(rate, seed, faults);
    return this;
  }

  /** Drops every queued and random fault. */
  public void clearFaults() {
    faults.clear();
  }

  /** Retires every token at once, as if another instance had refreshed them all. */
  public void invalidateTokens() {
    model.tokens.invalidateAll();
  }

  /**
   * Returns the code this server issued with a ticket, if any.
   *
   * @param ticket a ticket
   * @return the code this server issued with it, if any
   */
  public Optional<FakeCode> code(Ticket ticket) {
    return Optional.ofNullable(model.codes.find(ticket.value()));
  }

  /**
   * A gateway on this server's own state, without HTTP: the codes it issues are this server's, so
   * {@link #code}, {@link #scan} and {@link #push} know them, and its
   * {@link InMemoryQrCodeGateway#scan scan} sees this server's codes and followers. For tests of modules that must not depend on a
   * gateway adapter (the events adapter, a host's callback endpoint). Its calls are neither journaled nor
   * faulted, and it needs no token.
   *
   * @return a new gateway for the first account
   */
  public InMemoryQrCodeGateway gateway() {
    return new InMemoryQrCodeGateway(model, model.accounts.get(firstAppId));
  }

  /** Returns how many distinct permanent codes exist (the quota's use). */
  public int permanentCount() {
    return model.codes.permanentCount();
  }

  /**
   * Sets where scans of the first account are pushed, and how.
   *
   * @param callback where scans are pushed, and how
   */
  public void callback(Callback callback) {
    SecretLedger.record(callback.token());
    SecretLedger.record(callback.encodingAesKey());
    pushes.callback(callback);
  }

  /**
   * Simulates a user scanning: {@code subscribe} with {@code qrscene_<scene>} the first time (the user
   * follows from then on), {@code SCAN} afterwards; delivered over HTTP to the callback.
   *
   * @param ticket a valid ticket this server issued
   * @param openId the user
   * @return the callback's answer
   * @throws TicketNotFound if this server never issued the ticket or it has expired: WeChat pushes nothing
   * @throws IllegalStateException if no {@link #callback} was set
   */
  public PushResult scan(Ticket ticket, String openId) {
    return deliver(push(ticket, openId));
  }

  /**
   * Builds the push of a scan without delivering it (the follower state changes as by a scan).
   *
   * @param ticket a valid ticket this server issued
   * @param openId the user
   * @return the push
   * @throws TicketNotFound if this server never issued the ticket or it has expired: WeChat pushes nothing
   * @throws IllegalStateException if no {@link #callback} was set
   */
  public Push push(Ticket ticket, String openId) {
    return pushes.scan(ticket, openId, null);
  }

  /**
   * Builds the push of a scan by a user who does or does not follow the account yet, signed (and
   * encrypted) for the {@link #callback}, to hand to a callback handler in the same JVM, without HTTP:
   * {@code handler.handle("POST", push.query(), push.bodyBytes())}. The user follows from then on.
   *
   * @param ticket a valid ticket this server issued
   * @param openId the user
   * @param follower {@code true}: a {@code SCAN} push; {@code false}: a {@code subscribe}
   * @return the push
   * @throws TicketNotFound if this server never issued the ticket or it has expired: WeChat pushes nothing
   * @throws IllegalStateException if no {@link #callback} was set
   */
  public Push push(Ticket ticket, String openId, boolean follower) {
    return pushes.scan(ticket, openId, follower);
  }

  /**
   * Delivers a push, again if need be: WeChat retries an unanswered push with identical content.
   *
   * @param push a push built by {@link #push}
   * @return the callback's answer
   */
  public PushResult deliver(Push push) {
    return PushSimulator.deliver(push);
  }

  /**
   * Makes a user stop following the first account, so the next scan is a subscribe again.
   *
   * @param openId a user of the first account who stops following, so the next scan is a subscribe again
   */
  public void unfollow(String openId) {
    model.accounts.get(firstAppId).followers.remove(openId);
  }

  /** Stops the HTTP server and its worker threads, interrupting delayed answers; again, does nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    http.stop(0);
    workers.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs a server until the process is stopped. Options: {@code --port N}, {@code --appid A},
   * {@code --secret S}.
   *
   * @param args the options
   * @throws InterruptedException when interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    Builder builder = builder().clock(Clock.systemUTC());
    String appId = DEFAULT_APPID;
    String secret = DEFAULT_SECRET;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> builder.port(Integer.parseInt(args[i + 1]));
        case "--appid" -> appId = args[i + 1];
        case "--secret" -> secret = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    FakeWeChatServer server = builder.account(appId, secret).start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "fake-wechat-shutdown"));
    System.out.println("listening on " + server.baseUri());
    System.out.println("appid " + server.appId() + " secret " + server.secret());
    Thread.currentThread().join();
  }

  /** Configures a {@link FakeWeChatServer}. */
  public static final class Builder {
    private final Map<String, String> accounts = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private int port;
    private Duration tokenOverlap = Duration.ofMinutes(5);
    private int permanentQuota = 100_000;
    private int threads = 16;
    private Function<String, byte[]> images = QrImages::jpeg;

    private Builder() {}

    /**
     * Sets how the JPEG that showqrcode serves is drawn.
     *
     * @param renderer draws the JPEG {@code showqrcode} serves for a code's content URL, once per ticket.
     *     The default, {@link QrImages#jpeg}, draws the real QR code; a load test or benchmark may serve
     *     one image drawn beforehand, so the fake's own drawing does not dominate what is measured
     * @return this builder
     */
    public Builder images(Function<String, byte[]> renderer) {
      this.images = java.util.Objects.requireNonNull(renderer, "renderer");
      return this;
    }

    /**
     * Adds an account.
     *
     * @param appId an appid
     * @param secret its secret
     * @return this builder; without any call the server has {@link #DEFAULT_APPID}
     */
    public Builder account(String appId, String secret) {
      accounts.put(appId, secret);
      return this;
    }

    /**
     * Sets the server's clock.
     *
     * @param clock the server's time, usually a {@link MutableClock} shared with the code under test
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sets the port.
     *
     * @param port the port; 0 (the default) picks a free one
     * @return this builder
     */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * Sets how long a classic token stays valid after a newer one was fetched.
     *
     * @param overlap how long a classic token stays valid after a newer one was fetched (default 5 min)
     * @return this builder
     */
    public Builder tokenOverlap(Duration overlap) {
      this.tokenOverlap = overlap;
      return this;
    }

    /**
     * Sets how many permanent codes an account may hold.
     *
     * @param quota how many permanent codes an account may hold (default 100,000)
     * @return this builder
     */
    public Builder permanentQuota(int quota) {
      this.permanentQuota = quota;
      return this;
    }

    /**
     * Sets the number of HTTP worker threads.
     *
     * @param threads HTTP worker threads (default 16)
     * @return this builder
     */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /** Returns the started server. */
    public FakeWeChatServer start() {
      if (accounts.isEmpty()) {
        accounts.put(DEFAULT_APPID, DEFAULT_SECRET);
      }
      try {
        return new FakeWeChatServer(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the fake WeChat server", e);
      }
    }
  }
}
