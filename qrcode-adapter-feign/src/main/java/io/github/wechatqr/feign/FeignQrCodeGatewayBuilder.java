package io.github.wechatqr.feign;

import feign.Logger;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.TokenEvents;
import io.github.wechatqr.domain.token.TokenKeeper;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Configures a {@link FeignQrCodeGateway}. Setters reject bad values at once with an
 * {@link IllegalArgumentException} naming the setting (never quoting the secret); {@link #build()}
 * throws {@link IllegalStateException} if {@code appId} or {@code secret} is missing.
 */
public final class FeignQrCodeGatewayBuilder {
  // null until set: build() names the missing one, the defaults stand in for the optional ones
  @Nullable String appId;
  @Nullable String secret;
  String apiBase = FeignQrCodeGateway.DEFAULT_API_BASE;
  String mpBase = FeignQrCodeGateway.DEFAULT_MP_BASE;
  Duration connectTimeout = Duration.ofSeconds(3);
  Duration readTimeout = Duration.ofSeconds(5);
  int maxConnections = Settings.DEFAULT_MAX_CONNECTIONS;
  int maxImageBytes = Settings.DEFAULT_MAX_IMAGE_BYTES;
  Duration idleTimeout = HttpTransport.DEFAULT_IDLE_TIMEOUT;
  Logger.Level feignLogLevel = Logger.Level.BASIC;
  int maxAttempts = RetryLimits.DEFAULT.maxAttempts();
  Duration initialBackoff = RetryLimits.DEFAULT.initialBackoff();
  Duration maxBackoff = RetryLimits.DEFAULT.maxBackoff();
  Duration retryBudget = RetryLimits.DEFAULT.budget();
  Clock clock = Clock.systemUTC();
  AccessTokenStore.@Nullable Factory tokenStore;
  @Nullable TokenPolicy tokenPolicy;
  TokenMode tokenMode = TokenMode.STABLE;
  @Nullable MeterRegistry registry;
  Sleeper sleeper = Sleeper.THREAD;
  DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();

  FeignQrCodeGatewayBuilder() {}

  /**
   * Sets the account's appid.
   *
   * @param appId the account's appid (required)
   * @return this builder
   */
  public FeignQrCodeGatewayBuilder appId(String appId) {
    Settings.credential("appId", appId);
    this.appId = appId;
    return this;
  }

  /**
   * Sets the account's secret.
   *
   * @param secret the account's secret (required); kept out of logs, messages and {@code toString}
   * @return this builder
   */
  public FeignQrCodeGatewayBuilder secret(String secret) {
    Settings.credential("secret", secret);
    this.secret = secret;
    return this;
  }

  /**
   * Sets where the token and create calls are sent.
   *
   * @param apiBase where token, stable_token and create live (default {@value FeignQrCodeGateway#DEFAULT_API_BASE})
   * @return this builder
   */
  public FeignQrCodeGatewayBuilder apiBase(URI apiBase) {
    this.apiBase = Settings.base("apiBase", apiBase == null ? null : apiBase.toString());
    return this;
  }

  /**
   * Sets where showqrcode is fetched from.
   *
   * @param mpBase where showqrcode lives (default {@value FeignQrCodeGateway#DEFAULT_MP_BASE})
   * @return this builder
   */
  public FeignQrCodeGatewayBuilder mpBase(URI mpBase) {
    this.mpBase = Settings.base("mpBase", mpBase == null ? null : mpBase.toString());
    return this;
  }

  /**
   * Sets the TCP connect timeout.
   *
   * @param connectTimeout TCP connect timeout, 1 ms .. 10 min (default 3 s)
   * @return this builder
   */
  public FeignQrCodeGatewayBuilder connectTimeout(Duration connectTimeout) {
    Settings.timeout("connectTimeout", connectTimeout);
    this.connectTimeout = connectTimeout;
    return this;
  }

  /**
   * Sets how long an answer may take once connected.
   *
   * @param readTimeout how long the complete answer, body included, may take once connected,
   *     1 ms .. 10 min (default 5 s)
   * @return this builder
   */
  public FeignQrCodeGatewayBuilder readTimeout(Duration readTimeout) {
    Settings.timeout("readTimeout", readTimeout);
    this.readTimeout = readTimeout;
    return this;
  }

  /**
   * Sets how many HTTP connections the gateway keeps open at once.
   *
   * @param maxConnections the most HTTP connections the gateway keeps open at once, in all and to each of
   *     the api and the mp host, 1..1024 (default 64); size it for the number of threads that call at once.
   *     A call that finds them all busy waits up to {@code connectTimeout} for one
   * @return this builder
   */
  public FeignQrCodeGatewayBuilder maxConnections(int maxConnections) {
    Settings.range("maxConnections", maxConnections, 1, Settings.MAX_CONNECTIONS);
    this.maxConnections = maxConnections;
    return this;
  }

  /**
   * Sets the largest QR code image accepted.
   *
   * @param maxImageBytes the largest showqrcode answer accepted, 1 .. 64 MiB (default 2 MiB); a larger one
   *     fails with {@link io.github.wechatqr.domain.UpstreamUnavailable} without being read
   * @return this builder
   */
  public FeignQrCodeGatewayBuilder maxImageBytes(int maxImageBytes) {
    Settings.range("maxImageBytes", maxImageBytes, 1, Settings.MAX_IMAGE_BYTES);
    this.maxImageBytes = maxImageBytes;
    return this;
  }

  /**
   * Sets how many attempts a call makes in all when it fails transiently.
   *
   * @param maxAttempts attempts per call in all for transient failures ({@code -1}, HTTP 5xx, timeouts,
   *     dropped connections), 1..10 (default 3)
   * @return this builder
   */
  public FeignQrCodeGatewayBuilder maxAttempts(int maxAttempts) {
    new RetryLimits(maxAttempts, initialBackoff, maxBackoff, retryBudget);
    this.maxAttempts = maxAttempts;
    return this;
  }

  /**
   * Sets the back-off between attempts.
   *
   * @param initial the wait before the second attempt (default 200 ms); doubles per attempt
   * @param max the cap of any wait (default 2 s); each wait is jittered to between half and all of it
   * @return this builder
   */
  public FeignQrCodeGatewayBuilder backoff(Duration initial, Duration max) {
    new RetryLimits(maxAttempts, initial, max, retryBudget);
    this.initialBackoff = initial;
    this.maxBackoff = max;
    return this;
  }

  /**
   * Sets how long after a call began a retry may still start.
   *
   * @param budget no retry starts a wait that would end later than this after the call began (default 10 s)
   * @return this builder
   */
  public FeignQrCodeGatewayBuilder retryBudget(Duration budget) {
    new RetryLimits(maxAttempts, initialBackoff, maxBackoff, budget);
    this.retryBudget = budget;
    return this;
  }

  /**
   * Sets the clock for token expiry and the retry budget.
   *
   * @param clock the time source for token expiry and the retry budget (default UTC system clock)
   * @return this builder
   */
  public FeignQrCodeGatewayBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
    return this;
  }

  /**
   * Sets where the access token is kept, for a store shared between processes.
   *
   * @param tokenStore makes the store that keeps the access token, handed this gateway's token fetcher
   *     once; share the state between processes of the same account (Redis). Default: in this process,
   *     with {@link #tokenPolicy(TokenPolicy)}
   * @return this builder
   */
  public FeignQrCodeGatewayBuilder tokenStore(AccessTokenStore.Factory tokenStore) {
    this.tokenStore = Objects.requireNonNull(tokenStore, "tokenStore must not be null");
    return this;
  }

  /**
   * Sets the durations of the default in-process token store.
   *
   * @param tokenPolicy the durations of the default in-process token store (default
   *     {@link TokenPolicy#defaults()}: 1 min safety margin, refresh 5 min ahead of expiry, 15 s retry delay,
   *     a refusal remembered 30 s); a store given with {@link #tokenStore} brings its own
   * @return this builder
   */
  public FeignQrCodeGatewayBuilder tokenPolicy(TokenPolicy tokenPolicy) {
    this.tokenPolicy = Objects.requireNonNull(tokenPolicy, "tokenPolicy must not be null");
    return this;
  }

  /**
   * Sets how the access token is fetched.
   *
   * @param tokenMode {@link TokenMode#STABLE} (default) or {@link TokenMode#CLASSIC}
   * @return this builder
   */
  public FeignQrCodeGatewayBuilder tokenMode(TokenMode tokenMode) {
    this.tokenMode = Objects.requireNonNull(tokenMode, "tokenMode must not be null");
    return this;
  }

  /**
   * Sets the registry that call timers, retries and token refreshes are reported to.
   *
   * @param registry where to report call timers, retries and token refreshes (optional; needs
   *     micrometer-core on the classpath)
   * @return this builder
   */
  public FeignQrCodeGatewayBuilder meterRegistry(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry must not be null");
    return this;
  }

  /** Tests wait on a clock rather than a thread. */
  FeignQrCodeGatewayBuilder sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    return this;
  }

  /** Tests see idle connections evicted without waiting half a minute. */
  FeignQrCodeGatewayBuilder idleTimeout(Duration idleTimeout) {
    Settings.positive("idleTimeout", idleTimeout);
    this.idleTimeout = idleTimeout;
    return this;
  }

  /** Tests run Feign's logging at every level (the gateway logs at {@code BASIC}). */
  FeignQrCodeGatewayBuilder feignLogLevel(Logger.Level level) {
    this.feignLogLevel = Objects.requireNonNull(level, "level");
    return this;
  }

  /** Tests pin the jitter. */
  FeignQrCodeGatewayBuilder jitter(DoubleSupplier jitter) {
    this.jitter = Objects.requireNonNull(jitter, "jitter");
    return this;
  }

  /** @return the token store's factory: the one given, or the in-process store on the policy */
  AccessTokenStore.Factory tokenStoreFactory() {
    if (tokenStore != null) {
      return tokenStore;
    }
    org.slf4j.Logger log = LoggerFactory.getLogger(TokenKeeper.class);
    return TokenKeeper.inProcess(clock, tokenPolicy == null ? TokenPolicy.defaults() : tokenPolicy,
        TokenKeeper.NEW_THREAD_PER_REFRESH, TokenEvents.describedTo(log::debug, log::warn));
  }

  RetryLimits retryLimits() {
    return new RetryLimits(maxAttempts, initialBackoff, maxBackoff, retryBudget);
  }

  /**
   * Builds the gateway.
   *
   * @return the gateway, with its own HTTP client
   * @throws IllegalStateException if {@code appId} or {@code secret} is missing, if both a token store
   *     and a token policy are given (the policy belongs to the store then), or if the Apache HttpClient on
   *     the class path is older than 5.6 (its connection class is final there; the message says what to set)
   */
  public FeignQrCodeGateway build() {
    HttpClientRequirement.check();
    if (appId == null || secret == null) {
      throw new IllegalStateException((appId == null ? "appId" : "secret") + " is required");
    }
    if (tokenStore != null && tokenPolicy != null) {
      throw new IllegalStateException("tokenPolicy applies to the default in-process store; give the policy to "
          + "the factory passed to tokenStore instead");
    }
    return new FeignQrCodeGateway(this);
  }
}
