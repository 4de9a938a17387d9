package io.github.wechatqr.spring;

import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.feign.TokenMode;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The {@code wechat.qrcode.*} settings. Checked when bound (the application refuses to start, naming the
 * property, never quoting a secret); {@code secret}, {@code callback.token},
 * {@code callback.encoding-aes-key} and {@code redis.uri} are masked by the actuator and never printed by
 * {@link #toString()}.
 *
 * <pre>{@code
 * wechat.qrcode.app-id=wx1234567890abcdef
 * wechat.qrcode.secret=${WECHAT_SECRET}
 * wechat.qrcode.callback.token=${WECHAT_CALLBACK_TOKEN}
 * wechat.qrcode.callback.encoding-aes-key=${WECHAT_AES_KEY}
 * }</pre>
 */
@ConfigurationProperties(prefix = WeChatQrCodeProperties.PREFIX)
public class WeChatQrCodeProperties implements Validator {
  /** The prefix of every property. */
  public static final String PREFIX = "wechat.qrcode";

  /** Where issued codes and the access token are kept. */
  public enum StoreType {
    /** In this process (Caffeine): one instance. */
    CAFFEINE,
    /** Shared through Redis (Lettuce): several instances of one account; needs qrcode-adapter-redis. */
    REDIS
  }

  /**
   * The appid of the Official Account (required).
   */
  private String appId;

  /**
   * The AppSecret of the Official Account; required unless the application defines its own QrCodeGateway.
   */
  private String secret;

  /**
   * How the access token is fetched: stable (the default: /cgi-bin/stable_token, which independent processes
   * can share without knocking each other's token out) or classic (/cgi-bin/token).
   */
  private TokenMode tokenMode = TokenMode.STABLE;

  /**
   * Base URL of token, stable_token and qrcode/create (default https://api.weixin.qq.com).
   */
  private URI apiBase;

  /**
   * Base URL of showqrcode (default https://mp.weixin.qq.com).
   */
  private URI mpBase;

  /**
   * TCP connect timeout of calls to WeChat.
   */
  private Duration connectTimeout = Duration.ofSeconds(3);

  /**
   * How long a complete answer from WeChat, body included, may take once connected.
   */
  private Duration readTimeout = Duration.ofSeconds(5);

  /**
   * Where codes and the access token are kept: caffeine (in this process) or redis (shared).
   */
  private StoreType store = StoreType.CAFFEINE;

  /** Retries of transient failures. */
  private final RetrySettings retry = new RetrySettings();
  /** When a stored temporary code is handed out again. */
  private final ReuseSettings reuse = new ReuseSettings();
  /** When the access token is renewed. */
  private final TokenSettings token = new TokenSettings();
  /** The callback endpoint. */
  private final CallbackSettings callback = new CallbackSettings();
  /** Bounds of the in-process caches. */
  private final CacheSettings cache = new CacheSettings();
  /** The Redis store. */
  private final RedisSettings redis = new RedisSettings();

  /** @return the appid */
  public String getAppId() {
    return appId;
  }

  /** @param appId the appid */
  public void setAppId(String appId) {
    this.appId = appId;
  }

  /** @return the AppSecret; a secret */
  public String getSecret() {
    return secret;
  }

  /** @param secret the AppSecret */
  public void setSecret(String secret) {
    this.secret = secret;
  }

  /** @return the token mode */
  public TokenMode getTokenMode() {
    return tokenMode;
  }

  /** @param tokenMode the token mode */
  public void setTokenMode(TokenMode tokenMode) {
    this.tokenMode = tokenMode;
  }

  /** @return the api base, or {@code null} for WeChat's */
  public URI getApiBase() {
    return apiBase;
  }

  /** @param apiBase the api base */
  public void setApiBase(URI apiBase) {
    this.apiBase = apiBase;
  }

  /** @return the mp base, or {@code null} for WeChat's */
  public URI getMpBase() {
    return mpBase;
  }

  /** @param mpBase the mp base */
  public void setMpBase(URI mpBase) {
    this.mpBase = mpBase;
  }

  /** @return the connect timeout */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /** @param connectTimeout the connect timeout */
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /** @return the read timeout */
  public Duration getReadTimeout() {
    return readTimeout;
  }

  /** @param readTimeout the read timeout */
  public void setReadTimeout(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  /** @return the store type */
  public StoreType getStore() {
    return store;
  }

  /** @param store the store type */
  public void setStore(StoreType store) {
    this.store = store;
  }

  /** @return retries of transient failures */
  public RetrySettings getRetry() {
    return retry;
  }

  /** @return when a stored temporary code is handed out again */
  public ReuseSettings getReuse() {
    return reuse;
  }

  /** @return access-token timing */
  public TokenSettings getToken() {
    return token;
  }

  /** @return the callback endpoint */
  public CallbackSettings getCallback() {
    return callback;
  }

  /** @return in-process cache bounds */
  public CacheSettings getCache() {
    return cache;
  }

  /** @return the Redis store */
  public RedisSettings getRedis() {
    return redis;
  }

  @Override
  public boolean supports(Class<?> type) {
    return WeChatQrCodeProperties.class.isAssignableFrom(type);
  }

  /** Rejects with global errors only: a field error would carry (and print) the rejected value. */
  @Override
  public void validate(Object target, Errors errors) {
    PropertiesCheck.problems((WeChatQrCodeProperties) target)
        .forEach(problem -> errors.reject("wechat.qrcode.invalid", problem));
  }

  @Override
  public String toString() {
    return "WeChatQrCodeProperties[appId=" + appId + ", secret=" + (secret == null ? "none" : "<redacted>")
        + ", tokenMode=" + tokenMode + ", store=" + store + ", callback.path=" + callback.getPath()
        + ", callback.mode=" + callback.getMode() + "]";
  }

  /** Bounds of the gateway's retries of transient failures (-1, HTTP 5xx, timeouts, dropped connections). */
  public static class RetrySettings {
    /** Attempts per call in all, 1..10 (1 means no retry). */
    private int maxAttempts = 3;
    /** The wait before the second attempt; doubles per attempt, jittered to 50..100 %. */
    private Duration initialBackoff = Duration.ofMillis(200);
    /** The cap of any single wait. */
    private Duration maxBackoff = Duration.ofSeconds(2);
    /** No wait starts that would end later than this after the call began. */
    private Duration budget = Duration.ofSeconds(10);

    /** @return attempts per call */
    public int getMaxAttempts() {
      return maxAttempts;
    }

    /** @param maxAttempts attempts per call */
    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    /** @return the first wait */
    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    /** @param initialBackoff the first wait */
    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    /** @return the longest wait */
    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    /** @param maxBackoff the longest wait */
    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    /** @return the retry budget */
    public Duration getBudget() {
      return budget;
    }

    /** @param budget the retry budget */
    public void setBudget(Duration budget) {
      this.budget = budget;
    }
  }

  /** When a stored, still valid temporary code is handed out again instead of creating a new one. */
  public static class ReuseSettings {
    /** Which rule decides; permanent codes are always reused. */
    public enum Policy {
      /** While at least half of the code's lifetime is left. */
      HALF_LIFETIME,
      /** While at least {@code min-remaining} is left. */
      AT_LEAST,
      /** Never: one create call per request. */
      NEVER
    }

    /** half-lifetime, at-least (with min-remaining) or never. */
    private Policy policy = Policy.HALF_LIFETIME;
    /** With policy at-least: how long a handed-out code must stay valid at least. */
    private Duration minRemaining = Duration.ofMinutes(5);

    /** @return the policy */
    public Policy getPolicy() {
      return policy;
    }

    /** @param policy the policy */
    public void setPolicy(Policy policy) {
      this.policy = policy;
    }

    /** @return the least remaining validity of a reused code under {@link Policy#AT_LEAST} */
    public Duration getMinRemaining() {
      return minRemaining;
    }

    /** @param minRemaining the least remaining validity */
    public void setMinRemaining(Duration minRemaining) {
      this.minRemaining = minRemaining;
    }
  }

  /**
   * When the access token is renewed: the durations of one {@link TokenPolicy}, whichever store keeps the
   * token. The defaults are {@link TokenPolicy#defaults()}; the rules are {@link TokenPolicy}'s, checked at
   * start-up and reported under the property names.
   */
  public static class TokenSettings {
    /** A token is no longer handed out this long before its expiry (0..4m: stable_token renews only in the last 5). */
    private Duration safetyMargin = TokenPolicy.DEFAULT_SAFETY_MARGIN;
    /** A background refresh starts this long before the expiry; longer than safety-margin, at most 60m. */
    private Duration refreshAhead = TokenPolicy.DEFAULT_REFRESH_AHEAD;
    /** After a failed (or fruitless) background refresh, the next one waits this long (1ms..10m). */
    private Duration retryDelay = TokenPolicy.DEFAULT_RETRY_DELAY;
    /**
     * How long a refused token call (a wrong secret, an IP not whitelisted, the daily quota) is remembered and
     * thrown again without asking WeChat (0..1h; 0 remembers nothing).
     */
    private Duration failureBackoff = TokenPolicy.DEFAULT_FAILURE_BACKOFF;

    /** @return the safety margin */
    public Duration getSafetyMargin() {
      return safetyMargin;
    }

    /** @param safetyMargin the safety margin */
    public void setSafetyMargin(Duration safetyMargin) {
      this.safetyMargin = safetyMargin;
    }

    /** @return the refresh-ahead window */
    public Duration getRefreshAhead() {
      return refreshAhead;
    }

    /** @param refreshAhead the refresh-ahead window */
    public void setRefreshAhead(Duration refreshAhead) {
      this.refreshAhead = refreshAhead;
    }

    /** @return the wait after a failed refresh */
    public Duration getRetryDelay() {
      return retryDelay;
    }

    /** @param retryDelay the wait after a failed refresh */
    public void setRetryDelay(Duration retryDelay) {
      this.retryDelay = retryDelay;
    }

    /** @return how long a refused token call is remembered */
    public Duration getFailureBackoff() {
      return failureBackoff;
    }

    /** @param failureBackoff how long a refused token call is remembered */
    public void setFailureBackoff(Duration failureBackoff) {
      this.failureBackoff = failureBackoff;
    }

    /**
     * @return these durations as the policy every token store keeps
     * @throws IllegalArgumentException naming the {@link TokenPolicy} component that breaks a rule (the
     *     start-up check reports it under the property name instead)
     * @throws NullPointerException naming a duration that is not set
     */
    public TokenPolicy toPolicy() {
      return TokenPolicy.builder()
          .safetyMargin(safetyMargin)
          .refreshAhead(refreshAhead)
          .retryDelay(retryDelay)
          .failureBackoff(failureBackoff)
          .build();
    }
  }

  /** The callback URL WeChat pushes scans to; mounted when {@code token} is set. */
  public static class CallbackSettings {
    /** The message encryption mode of the account's server settings. */
    public enum Mode {
      /** Plain XML, checked by {@code signature} only (which does not cover the body). */
      PLAIN,
      /** Plain fields and an encrypted copy; only the decrypted copy is trusted. */
      COMPATIBLE,
      /** Encrypted only (recommended). */
      SAFE
    }

    /** Path of the endpoint on Spring MVC (GET verification, POST pushes). */
    private String path = "/wechat/callback";
    /** The Token of the account's server settings (3..32 letters or digits); the endpoint mounts when set. */
    private String token;
    /** The EncodingAESKey of the account's server settings: 43 characters of base64; needed in safe and compatible mode. */
    private String encodingAesKey;
    /** plain, compatible or safe, as chosen in the account's server settings. */
    private Mode mode = Mode.SAFE;
    /** How far a push's timestamp may be from the clock, either way. */
    private Duration maxSkew = Duration.ofMinutes(5);
    /** The largest push body accepted. */
    private DataSize maxBodySize = DataSize.ofKilobytes(64);
    /** How long a handled push is remembered to recognise WeChat's retries; at least twice max-skew (default: the handler's, twice max-skew). */
    private Duration dedupWindow;
    /** How many handled pushes are remembered at most. */
    private long dedupCapacity = 100_000;

    /** @return the path */
    public String getPath() {
      return path;
    }

    /** @param path the path */
    public void setPath(String path) {
      this.path = path;
    }

    /** @return the callback token; a secret */
    public String getToken() {
      return token;
    }

    /** @param token the callback token */
    public void setToken(String token) {
      this.token = token;
    }

    /** @return the EncodingAESKey; a secret */
    public String getEncodingAesKey() {
      return encodingAesKey;
    }

    /** @param encodingAesKey the EncodingAESKey */
    public void setEncodingAesKey(String encodingAesKey) {
      this.encodingAesKey = encodingAesKey;
    }

    /** @return the mode */
    public Mode getMode() {
      return mode;
    }

    /** @param mode the mode */
    public void setMode(Mode mode) {
      this.mode = mode;
    }

    /** @return the skew limit */
    public Duration getMaxSkew() {
      return maxSkew;
    }

    /** @param maxSkew the skew limit */
    public void setMaxSkew(Duration maxSkew) {
      this.maxSkew = maxSkew;
    }

    /** @return the body limit */
    public DataSize getMaxBodySize() {
      return maxBodySize;
    }

    /** @param maxBodySize the body limit */
    public void setMaxBodySize(DataSize maxBodySize) {
      this.maxBodySize = maxBodySize;
    }

    /** @return the de-duplication window, or {@code null} for the handler's default (twice the skew limit) */
    public Duration getDedupWindow() {
      return dedupWindow;
    }

    /** @param dedupWindow the de-duplication window */
    public void setDedupWindow(Duration dedupWindow) {
      this.dedupWindow = dedupWindow;
    }

    /** @return the de-duplication capacity */
    public long getDedupCapacity() {
      return dedupCapacity;
    }

    /** @param dedupCapacity the de-duplication capacity */
    public void setDedupCapacity(long dedupCapacity) {
      this.dedupCapacity = dedupCapacity;
    }
  }

  /** Bounds of the in-process caches. */
  public static class CacheSettings {
    /** The most codes the caffeine store keeps (least useful evicted first). */
    private long maxCodes = 100_000;
    /** The most image bytes kept in memory; 0 turns the image cache off. */
    private DataSize maxImageSize = DataSize.ofMegabytes(32);

    /** @return the code bound */
    public long getMaxCodes() {
      return maxCodes;
    }

    /** @param maxCodes the code bound */
    public void setMaxCodes(long maxCodes) {
      this.maxCodes = maxCodes;
    }

    /** @return the image bound */
    public DataSize getMaxImageSize() {
      return maxImageSize;
    }

    /** @param maxImageSize the image bound */
    public void setMaxImageSize(DataSize maxImageSize) {
      this.maxImageSize = maxImageSize;
    }
  }

  /** The Redis store ({@code store=redis}). */
  public static class RedisSettings {
    /** e.g. redis://host:6379/0; without it the application's RedisClient or StatefulRedisConnection bean is used. */
    private String uri;
    /** The first segment of every key, one per application sharing the Redis. */
    private String keyPrefix = "wechatqr";
    /** How long a caller waits for one Redis command. */
    private Duration commandTimeout = Duration.ofSeconds(2);
    /** The lease of the cluster-wide lock around a token fetch or a code creation. */
    private Duration lockTtl = Duration.ofSeconds(10);
    /** How long a caller waits for another instance's fetch or creation. */
    private Duration lockWait = Duration.ofSeconds(15);

    /** @return the URI; may hold a password */
    public String getUri() {
      return uri;
    }

    /** @param uri the URI */
    public void setUri(String uri) {
      this.uri = uri;
    }

    /** @return the key prefix */
    public String getKeyPrefix() {
      return keyPrefix;
    }

    /** @param keyPrefix the key prefix */
    public void setKeyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
    }

    /** @return the command timeout */
    public Duration getCommandTimeout() {
      return commandTimeout;
    }

    /** @param commandTimeout the command timeout */
    public void setCommandTimeout(Duration commandTimeout) {
      this.commandTimeout = commandTimeout;
    }

    /** @return the lock lease */
    public Duration getLockTtl() {
      return lockTtl;
    }

    /** @param lockTtl the lock lease */
    public void setLockTtl(Duration lockTtl) {
      this.lockTtl = lockTtl;
    }

    /** @return the lock wait */
    public Duration getLockWait() {
      return lockWait;
    }

    /** @param lockWait the lock wait */
    public void setLockWait(Duration lockWait) {
      this.lockWait = lockWait;
    }
  }
}
