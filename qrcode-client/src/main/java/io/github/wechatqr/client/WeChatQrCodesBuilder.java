package io.github.wechatqr.client;

import static io.github.wechatqr.client.WeChatQrCodes.present;

import io.github.wechatqr.cache.CacheRuntime;
import io.github.wechatqr.cache.CaffeineImageStore;
import io.github.wechatqr.domain.AppId;
import io.github.wechatqr.domain.InvalidQrCodeRequest;
import io.github.wechatqr.domain.port.AccountScoped;
import io.github.wechatqr.domain.port.CreationLock;
import io.github.wechatqr.domain.port.QrCodeGateway;
import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.port.QrImageStore;
import io.github.wechatqr.domain.service.ReusePolicy;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.feign.FeignQrCodeGateway;
import io.github.wechatqr.feign.FeignQrCodeGatewayBuilder;
import io.github.wechatqr.feign.TokenMode;
import io.github.wechatqr.redis.RedisStores;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Configures {@link WeChatQrCodes}, in the style of {@code Caffeine.newBuilder()}: every setter checks its
 * value at once and throws {@link IllegalArgumentException} (or {@link NullPointerException} for a null
 * part) naming the option, never quoting a secret; {@link #build()} checks the options against each other.
 * The gateway's rules are the Feign adapter's own: the setters hand their values straight to a
 * {@link FeignQrCodeGatewayBuilder}.
 *
 * <p>Defaults: {@code stable_token} ({@link TokenMode#STABLE}); the token kept in this process (Caffeine),
 * never used in its last minute and refreshed in the background from 5 minutes before it expires
 * ({@link TokenPolicy#defaults()}); up to 100,000 codes in a Caffeine store; up to 32 MiB of images in
 * memory, each kept no longer than its code lives or WeChat's {@code max-age}; the system clock in UTC for
 * all of them; connect timeout 3 s, read timeout 5 s, 3 attempts for transient failures.
 */
public final class WeChatQrCodesBuilder {
  private final FeignQrCodeGatewayBuilder feign = FeignQrCodeGateway.builder();
  /** The options that configure the Feign gateway, in the order given: refused next to {@link #gateway}. */
  private final Set<String> gatewayOptions = new LinkedHashSet<>();
  // null until set: build() checks the required ones and puts a default in place of the others
  @Nullable String appId;
  @Nullable AppId account;
  boolean secretGiven;
  Clock clock = Clock.systemUTC();
  @Nullable TokenPolicy tokenPolicy;
  AccessTokenStore.@Nullable Factory tokenStore;
  @Nullable QrCodeStore store;
  @Nullable RedisStores redis;
  long imageCacheBytes = CaffeineImageStore.DEFAULT_MAXIMUM_BYTES;
  boolean imageCacheBytesGiven;
  @Nullable QrImageStore images;
  @Nullable CreationLock creationLock;
  @Nullable MeterRegistry meterRegistry;
  ReusePolicy reusePolicy = ReusePolicy.halfLifetimeLeft();
  @Nullable QrCodeGateway gateway;
  boolean sameThread;

  WeChatQrCodesBuilder() {}

  /**
   * The Official Account's appid; required unless a {@link #gateway} is given. It is the account of every
   * part: a store, image store, creation lock or token-store factory handed in that serves several accounts
   * ({@link AccountScoped}) is replaced by its view of this appid, and one that serves a single account is
   * refused to a second appid, so several builders may share parts without mixing accounts. It also names
   * the Redis keys.
   *
   * @param appId the appid, {@value AppId#ALLOWED}
   * @return this builder
   * @throws IllegalArgumentException {@code appId must ...} if it is blank or holds other characters
   */
  public WeChatQrCodesBuilder appId(String appId) {
    feign.appId(appId);
    try {
      this.account = AppId.of(appId);
    } catch (InvalidQrCodeRequest e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    this.appId = appId;
    return this;
  }

  /**
   * The Official Account's AppSecret; required unless a {@link #gateway} is given. Never logged, never in
   * a message or {@code toString}.
   *
   * @param secret the secret, printable ASCII without spaces
   * @return this builder
   * @throws IllegalArgumentException {@code secret must ...} (without the value) if it is blank or holds
   *     other characters
   */
  public WeChatQrCodesBuilder secret(String secret) {
    feign.secret(secret);
    secretGiven = true;
    return option("secret");
  }

  /**
   * The one time source of every part: token expiry, code expiry, cache expiry, retry budgets.
   *
   * @param clock the clock (default {@link Clock#systemUTC()})
   * @return this builder
   * @throws NullPointerException if {@code clock} is null
   */
  public WeChatQrCodesBuilder clock(Clock clock) {
    this.clock = present("clock", clock);
    return this;
  }

  /**
   * Which WeChat call fetches the access token.
   *
   * @param tokenMode {@link TokenMode#STABLE} (default) or {@link TokenMode#CLASSIC}
   * @return this builder
   * @throws NullPointerException if {@code tokenMode} is null
   */
  public WeChatQrCodesBuilder tokenMode(TokenMode tokenMode) {
    feign.tokenMode(tokenMode);
    return option("tokenMode");
  }

  /**
   * The durations of the token store this builder makes (in process, or in Redis with {@link #redis}).
   *
   * @param tokenPolicy safety margin, refresh-ahead window, retry delay, failure back-off (default
   *     {@link TokenPolicy#defaults()})
   * @return this builder
   * @throws NullPointerException if {@code tokenPolicy} is null
   */
  public WeChatQrCodesBuilder tokenPolicy(TokenPolicy tokenPolicy) {
    this.tokenPolicy = present("tokenPolicy", tokenPolicy);
    return option("tokenPolicy");
  }

  /**
   * The TCP connect timeout, which also bounds the wait for a pooled connection.
   *
   * @param connectTimeout 1 ms .. 10 min (default 3 s)
   * @return this builder
   * @throws IllegalArgumentException {@code connectTimeout must ...} if out of range
   */
  public WeChatQrCodesBuilder connectTimeout(Duration connectTimeout) {
    feign.connectTimeout(connectTimeout);
    return option("connectTimeout");
  }

  /**
   * How long a whole answer, body included, may take once connected.
   *
   * @param readTimeout 1 ms .. 10 min (default 5 s)
   * @return this builder
   * @throws IllegalArgumentException {@code readTimeout must ...} if out of range
   */
  public WeChatQrCodesBuilder readTimeout(Duration readTimeout) {
    feign.readTimeout(readTimeout);
    return option("readTimeout");
  }

  /**
   * Attempts per call in all for transient failures ({@code -1}, HTTP 5xx, timeouts, dropped connections).
   *
   * @param maxAttempts 1..10 (default 3; 1 means no retry)
   * @return this builder
   * @throws IllegalArgumentException {@code maxAttempts must ...} if out of range
   */
  public WeChatQrCodesBuilder maxAttempts(int maxAttempts) {
    feign.maxAttempts(maxAttempts);
    return option("maxAttempts");
  }

  /**
   * Where token, stable_token and create are called: a proxy, or the testkit's fake.
   *
   * @param apiBase an http or https address (default {@value FeignQrCodeGateway#DEFAULT_API_BASE})
   * @return this builder
   * @throws IllegalArgumentException {@code apiBase must ...} if it is not a plain http or https address
   */
  public WeChatQrCodesBuilder apiBase(URI apiBase) {
    feign.apiBase(apiBase);
    return option("apiBase");
  }

  /**
   * Where showqrcode is called: a proxy, or the testkit's fake.
   *
   * @param mpBase an http or https address (default {@value FeignQrCodeGateway#DEFAULT_MP_BASE})
   * @return this builder
   * @throws IllegalArgumentException {@code mpBase must ...} if it is not a plain http or https address
   */
  public WeChatQrCodesBuilder mpBase(URI mpBase) {
    feign.mpBase(mpBase);
    return option("mpBase");
  }

  /**
   * Keeps codes in a store of your own instead of the in-process Caffeine store. A store that serves
   * several accounts (e.g. one {@code CaffeineQrCodeStore} for all) is used through its view of
   * {@link #appId}; any other store is refused to a second account while the first uses it.
   *
   * @param store the code store; it is not closed by {@link WeChatQrCodes#close()}
   * @return this builder
   * @throws NullPointerException if {@code store} is null
   */
  public WeChatQrCodesBuilder store(QrCodeStore store) {
    this.store = present("store", store);
    return this;
  }

  /**
   * Keeps the access token in a store of your own instead of the in-process Caffeine store; the gateway
   * hands it its token fetcher once. A factory that serves several accounts (Redis) makes the store of
   * {@link #appId}; a store it hands out that another account's instance already uses is refused.
   *
   * @param tokenStore makes the token store; it brings its own durations
   * @return this builder
   * @throws NullPointerException if {@code tokenStore} is null
   */
  public WeChatQrCodesBuilder tokenStore(AccessTokenStore.Factory tokenStore) {
    this.tokenStore = present("tokenStore", tokenStore);
    return option("tokenStore");
  }

  /**
   * Shares the access token, the codes and the creation lock with every instance on the same Redis: one
   * token fetch per expiry cycle and one create call per request for the whole cluster. Needs
   * {@code qrcode-adapter-redis} on the class path.
   *
   * @param redis the stores' connection; it is not closed by {@link WeChatQrCodes#close()}
   * @return this builder
   * @throws NullPointerException if {@code redis} is null
   */
  public WeChatQrCodesBuilder redis(RedisStores redis) {
    this.redis = present("redis", redis);
    return this;
  }

  /**
   * Bounds the in-memory image cache by the bytes of the images it keeps.
   *
   * @param imageCacheBytes the most image bytes kept at once; 0 turns the cache off, so every
   *     {@code image()} downloads (default 32 MiB)
   * @return this builder
   * @throws IllegalArgumentException {@code imageCacheBytes must ...} if negative
   */
  public WeChatQrCodesBuilder imageCacheBytes(long imageCacheBytes) {
    if (imageCacheBytes < 0) {
      throw new IllegalArgumentException("imageCacheBytes must be 0 (no image cache) or more, was "
          + imageCacheBytes);
    }
    this.imageCacheBytes = imageCacheBytes;
    this.imageCacheBytesGiven = true;
    return this;
  }

  /**
   * Keeps downloaded images in a store of your own instead of the in-memory cache; the service tells it how
   * long each image may be kept (the code's expiry or WeChat's {@code max-age}, whichever comes first).
   *
   * <p>An image store that serves several accounts (one {@code CaffeineImageStore}, one byte budget, for
   * all) is used through its view of {@link #appId}; any other is refused to a second account.
   *
   * @param images the image store, e.g. {@link QrImageStore#none()}
   * @return this builder
   * @throws NullPointerException if {@code images} is null
   */
  public WeChatQrCodesBuilder images(QrImageStore images) {
    this.images = present("images", images);
    return this;
  }

  /**
   * Excludes concurrent creations of one code across processes with a lock of your own, for a shared
   * {@link #store} of your own; {@link #redis} brings one. Default: {@link CreationLock#local()}, enough in
   * one process, where the service already makes one creation per request at a time. A lock that serves
   * several accounts is used through its view of {@link #appId}, so two accounts creating the same scene do
   * not wait for each other; any other is refused to a second account.
   *
   * @param creationLock the lock
   * @return this builder
   * @throws NullPointerException if {@code creationLock} is null
   */
  public WeChatQrCodesBuilder creationLock(CreationLock creationLock) {
    this.creationLock = present("creationLock", creationLock);
    return this;
  }

  /**
   * Reports the gateway's call timers, retries and token fetches, and the Caffeine caches' statistics.
   * Needs {@code micrometer-core} on the class path.
   *
   * @param meterRegistry where to report
   * @return this builder
   * @throws NullPointerException if {@code meterRegistry} is null
   */
  public WeChatQrCodesBuilder meterRegistry(MeterRegistry meterRegistry) {
    this.meterRegistry = present("meterRegistry", meterRegistry);
    return this;
  }

  /**
   * When a stored temporary code may be handed out again.
   *
   * @param reusePolicy the policy (default {@link ReusePolicy#halfLifetimeLeft()})
   * @return this builder
   * @throws NullPointerException if {@code reusePolicy} is null
   */
  public WeChatQrCodesBuilder reusePolicy(ReusePolicy reusePolicy) {
    this.reusePolicy = present("reusePolicy", reusePolicy);
    return this;
  }

  /**
   * Talks to WeChat through a gateway of your own instead of the Feign gateway: e.g. the testkit's
   * {@code InMemoryQrCodeGateway}, so a unit test gets the same stores and image cache without HTTP. The
   * Feign gateway's options ({@code secret}, {@code tokenMode}, timeouts, ...) are then refused by
   * {@link #build()}; {@code appId} still names the Redis keys.
   *
   * @param gateway the gateway; it is not closed by {@link WeChatQrCodes#close()}
   * @return this builder
   * @throws NullPointerException if {@code gateway} is null
   */
  public WeChatQrCodesBuilder gateway(QrCodeGateway gateway) {
    this.gateway = present("gateway", gateway);
    return this;
  }

  /** Tests: caches and background token refreshes run on the calling thread, so nothing races. */
  WeChatQrCodesBuilder sameThread() {
    this.sameThread = true;
    return this;
  }

  /**
   * Wires the parts.
   *
   * @return the ready service and what it opened
   * @throws IllegalStateException if {@code appId} or {@code secret} is missing (without a {@link #gateway}),
   *     if {@link #redis} comes with a {@link #store}, a {@link #tokenStore} or a {@link #creationLock}, if
   *     {@link #images} comes with {@link #imageCacheBytes}, if {@link #tokenStore} comes
   *     with a {@link #tokenPolicy}, if {@link #gateway} comes with an option of the Feign gateway, or if a
   *     part that serves one account only is already used by another account's instance
   */
  public WeChatQrCodes build() {
    if (gateway != null && !gatewayOptions.isEmpty()) {
      throw new IllegalStateException("gateway is given, so the Feign gateway is not built: leave out "
          + String.join(", ", gatewayOptions));
    }
    if (gateway == null && (appId == null || !secretGiven)) {
      throw new IllegalStateException((appId == null ? "appId" : "secret") + " is required");
    }
    if (redis != null && appId == null) {
      throw new IllegalStateException("appId is required with redis: it names the account's keys");
    }
    if (redis != null && store != null) {
      throw new IllegalStateException("redis and store are both given: redis brings the code store");
    }
    if (redis != null && tokenStore != null) {
      throw new IllegalStateException("redis and tokenStore are both given: redis brings the token store");
    }
    if (redis != null && creationLock != null) {
      throw new IllegalStateException("redis and creationLock are both given: redis brings the creation lock");
    }
    if (images != null && imageCacheBytesGiven) {
      throw new IllegalStateException("images and imageCacheBytes are both given: the bound belongs to the "
          + "image store passed to images");
    }
    if (tokenStore != null && tokenPolicy != null) {
      throw new IllegalStateException("tokenStore and tokenPolicy are both given: the policy belongs to the "
          + "store passed to tokenStore");
    }
    return Assembly.wire(this);
  }

  FeignQrCodeGatewayBuilder feign() {
    return feign;
  }

  private WeChatQrCodesBuilder option(String name) {
    gatewayOptions.add(name);
    return this;
  }

  CacheRuntime runtime() {
    return sameThread ? CacheRuntime.sameThread(clock) : CacheRuntime.of(clock);
  }
}
