package io.github.wechatqr.spring;

import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.feign.TokenMode;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The {@code wechat.qrcode.*} settings. Checked when bound (the application refuses to start, naming the
 * property, never quoting a secret); {@code secret}, {@code callback.token},
 * {@code callback.encoding-aes-key} and {@code redis.uri}, and the same of each account, are masked by the
 * actuator and never printed by {@link #toString()}.
 *
 * <pre>{@code
 * wechat.qrcode.app-id=wx1234567890abcdef
 * wechat.qrcode.secret=${WECHAT_SECRET}
 * wechat.qrcode.callback.token=${WECHAT_CALLBACK_TOKEN}
 * wechat.qrcode.callback.encoding-aes-key=${WECHAT_AES_KEY}
 * }</pre>
 *
 * <p>Several Official Accounts go under {@code accounts.<name>.*} instead of {@code app-id}, {@code secret}
 * and the callback's token and key: each gets its own gateway, stores, service and callback endpoint, and
 * every other setting here is shared by all of them (see {@link Account}).
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
   * The appid of the Official Account (required, unless the accounts are under accounts.<name>).
   */
  private @Nullable String appId;

  /**
   * The AppSecret of the Official Account; required unless the application defines its own QrCodeGateway
   * (or the accounts are under accounts.<name>).
   */
  private @Nullable String secret;

  /**
   * How the access token is fetched: stable (the default: /cgi-bin/stable_token, which independent processes
   * can share without knocking each other's token out) or classic (/cgi-bin/token).
   */
  private TokenMode tokenMode = TokenMode.STABLE;

  /**
   * Base URL of token, stable_token and qrcode/create (default https://api.weixin.qq.com).
   */
  private @Nullable URI apiBase;

  /**
   * Base URL of showqrcode (default https://mp.weixin.qq.com).
   */
  private @Nullable URI mpBase;

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
  /**
   * Several Official Accounts by name (a-z, 0-9, - and _), each with its own gateway, stores, QrCodeService and
   * callback endpoint; set instead of app-id, secret, callback.token and callback.encoding-aes-key.
   */
  private final Map<String, Account> accounts = new LinkedHashMap<>();

  /** Returns the appid. */
  public @Nullable String getAppId() {
    return appId;
  }

  /** Sets the appid. */
  public void setAppId(@Nullable String appId) {
    this.appId = appId;
  }

  /** Returns the AppSecret; a secret. */
  public @Nullable String getSecret() {
    return secret;
  }

  /** Sets the AppSecret. */
  public void setSecret(@Nullable String secret) {
    this.secret = secret;
  }

  /** Returns the token mode. */
  public TokenMode getTokenMode() {
    return tokenMode;
  }

  /** Sets the token mode. */
  public void setTokenMode(TokenMode tokenMode) {
    this.tokenMode = tokenMode;
  }

  /** Returns the api base, or {@code null} for WeChat's. */
  public @Nullable URI getApiBase() {
    return apiBase;
  }

  /** Sets the api base. */
  public void setApiBase(@Nullable URI apiBase) {
    this.apiBase = apiBase;
  }

  /** Returns the mp base, or {@code null} for WeChat's. */
  public @Nullable URI getMpBase() {
    return mpBase;
  }

  /** Sets the mp base. */
  public void setMpBase(@Nullable URI mpBase) {
    this.mpBase = mpBase;
  }

  /** Returns the connect timeout. */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /** Sets the connect timeout. */
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /** Returns the read timeout. */
  public Duration getReadTimeout() {
    return readTimeout;
  }

  /** Sets the read timeout. */
  public void setReadTimeout(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  /** Returns the store type. */
  public StoreType getStore() {
    return store;
  }

  /** Sets the store type. */
  public void setStore(StoreType store) {
    this.store = store;
  }

  /** Returns retries of transient failures. */
  public RetrySettings getRetry() {
    return retry;
  }

  /** Returns when a stored temporary code is handed out again. */
  public ReuseSettings getReuse() {
    return reuse;
  }

  /** Returns access-token timing. */
  public TokenSettings getToken() {
    return token;
  }

  /** Returns the callback endpoint. */
  public CallbackSettings getCallback() {
    return callback;
  }

  /** Returns in-process cache bounds. */
  public CacheSettings getCache() {
    return cache;
  }

  /** Returns the Redis store. */
  public RedisSettings getRedis() {
    return redis;
  }

  /** Returns the accounts by name; empty when the one account is configured by {@code app-id} and the rest. */
  public Map<String, Account> getAccounts() {
    return accounts;
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
        + ", callback.mode=" + callback.getMode() + (accounts.isEmpty() ? "" : ", accounts=" + accounts.keySet())
        + "]";
  }

  /**
   * One of several Official Accounts ({@code accounts.<name>.*}): what differs from account to account. A
   * setting left out here is the shared one ({@code token-mode}, {@code store}, {@code callback.mode}); the
   * callback path defaults to the shared {@code callback.path} followed by {@code /<name>}.
   */
  public static class Account {
    /** The appid of this Official Account (required). */
    private @Nullable String appId;
    /** The AppSecret of this Official Account (required). */
    private @Nullable String secret;
    /** stable or classic; default: the shared wechat.qrcode.token-mode. */
    private @Nullable TokenMode tokenMode;
    /** caffeine or redis; default: the shared wechat.qrcode.store. */
    private @Nullable StoreType store;
    /** This account's callback endpoint. */
    private final AccountCallback callback = new AccountCallback();

    /** Returns the appid. */
    public @Nullable String getAppId() {
      return appId;
    }

    /** Sets the appid. */
    public void setAppId(@Nullable String appId) {
      this.appId = appId;
    }

    /** Returns the AppSecret; a secret. */
    public @Nullable String getSecret() {
      return secret;
    }

    /** Sets the AppSecret. */
    public void setSecret(@Nullable String secret) {
      this.secret = secret;
    }

    /** Returns the token mode, or {@code null} for the shared one. */
    public @Nullable TokenMode getTokenMode() {
      return tokenMode;
    }

    /** Sets the token mode. */
    public void setTokenMode(@Nullable TokenMode tokenMode) {
      this.tokenMode = tokenMode;
    }

    /** Returns the store type, or {@code null} for the shared one. */
    public @Nullable StoreType getStore() {
      return store;
    }

    /** Sets the store type. */
    public void setStore(@Nullable StoreType store) {
      this.store = store;
    }

    /** Returns this account's callback endpoint. */
    public AccountCallback getCallback() {
      return callback;
    }

    @Override
    public String toString() {
      return "Account[appId=" + appId + ", secret=" + (secret == null ? "none" : "<redacted>") + "]";
    }
  }

  /**
   * The callback endpoint of one of several accounts; its limits ({@code max-skew}, {@code max-body-size},
   * de-duplication) are the shared {@code callback.*} ones.
   */
  public static class AccountCallback {
    /** Path of this account's endpoint; default: the shared callback.path followed by /name. */
    private @Nullable String path;
    /** The Token of this account's server settings (3..32 letters or digits); the endpoint mounts when set. */
    private @Nullable String token;
    /** The EncodingAESKey of this account's server settings: 43 characters of base64. */
    private @Nullable String encodingAesKey;
    /** plain, compatible or safe; default: the shared wechat.qrcode.callback.mode. */
    private CallbackSettings.@Nullable Mode mode;

    /** Returns the path, or {@code null} for the default. */
    public @Nullable String getPath() {
      return path;
    }

    /** Sets the path. */
    public void setPath(@Nullable String path) {
      this.path = path;
    }

    /** Returns the callback token; a secret. */
    public @Nullable String getToken() {
      return token;
    }

    /** Sets the callback token. */
    public void setToken(@Nullable String token) {
      this.token = token;
    }

    /** Returns the EncodingAESKey; a secret. */
    public @Nullable String getEncodingAesKey() {
      return encodingAesKey;
    }

    /** Sets the EncodingAESKey. */
    public void setEncodingAesKey(@Nullable String encodingAesKey) {
      this.encodingAesKey = encodingAesKey;
    }

    /** Returns the mode, or {@code null} for the shared one. */
    public CallbackSettings.@Nullable Mode getMode() {
      return mode;
    }

    /** Sets the mode. */
    public void setMode(CallbackSettings.@Nullable Mode mode) {
      this.mode = mode;
    }
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

    /** Returns attempts per call. */
    public int getMaxAttempts() {
      return maxAttempts;
    }

    /** Sets attempts per call. */
    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    /** Returns the first wait. */
    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    /** Sets the first wait. */
    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    /** Returns the longest wait. */
    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    /** Sets the longest wait. */
    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    /** Returns the retry budget. */
    public Duration getBudget() {
      return budget;
    }

    /** Sets the retry budget. */
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

    /** Returns the policy. */
    public Policy getPolicy() {
      return policy;
    }

    /** Sets the policy. */
    public void setPolicy(Policy policy) {
      this.policy = policy;
    }

    /** Returns the least remaining validity of a reused code under {@link Policy#AT_LEAST}. */
    public Duration getMinRemaining() {
      return minRemaining;
    }

    /** Sets the least remaining validity. */
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

    /** Returns the safety margin. */
    public Duration getSafetyMargin() {
      return safetyMargin;
    }

    /** Sets the safety margin. */
    public void setSafetyMargin(Duration safetyMargin) {
      this.safetyMargin = safetyMargin;
    }

    /** Returns the refresh-ahead window. */
    public Duration getRefreshAhead() {
      return refreshAhead;
    }

    /** Sets the refresh-ahead window. */
    public void setRefreshAhead(Duration refreshAhead) {
      this.refreshAhead = refreshAhead;
    }

    /** Returns the wait after a failed refresh. */
    public Duration getRetryDelay() {
      return retryDelay;
    }

    /** Sets the wait after a failed refresh. */
    public void setRetryDelay(Duration retryDelay) {
      this.retryDelay = retryDelay;
    }

    /** Returns how long a refused token call is remembered. */
    public Duration getFailureBackoff() {
      return failureBackoff;
    }

    /** Sets how long a refused token call is remembered. */
    public void setFailureBackoff(Duration failureBackoff) {
      this.failureBackoff = failureBackoff;
    }

    /**
     * Converts these durations to a token policy.
     *
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
    private @Nullable String token;
    /** The EncodingAESKey of the account's server settings: 43 characters of base64; needed in safe and compatible mode. */
    private @Nullable String encodingAesKey;
    /** plain, compatible or safe, as chosen in the account's server settings. */
    private Mode mode = Mode.SAFE;
    /** How far a push's timestamp may be from the clock, either way. */
    private Duration maxSkew = Duration.ofMinutes(5);
    /** The largest push body accepted. */
    private DataSize maxBodySize = DataSize.ofKilobytes(64);
    /** How long a handled push is remembered to recognise WeChat's retries; at least twice max-skew (default: the handler's, twice max-skew). */
    private @Nullable Duration dedupWindow;
    /** How many handled pushes are remembered at most. */
    private long dedupCapacity = 100_000;

    /** Returns the path. */
    public String getPath() {
      return path;
    }

    /** Sets the path. */
    public void setPath(String path) {
      this.path = path;
    }

    /** Returns the callback token; a secret. */
    public @Nullable String getToken() {
      return token;
    }

    /** Sets the callback token. */
    public void setToken(@Nullable String token) {
      this.token = token;
    }

    /** Returns the EncodingAESKey; a secret. */
    public @Nullable String getEncodingAesKey() {
      return encodingAesKey;
    }

    /** Sets the EncodingAESKey. */
    public void setEncodingAesKey(@Nullable String encodingAesKey) {
      this.encodingAesKey = encodingAesKey;
    }

    /** Returns the mode. */
    public Mode getMode() {
      return mode;
    }

    /** Sets the mode. */
    public void setMode(Mode mode) {
      this.mode = mode;
    }

    /** Returns the skew limit. */
    public Duration getMaxSkew() {
      return maxSkew;
    }

    /** Sets the skew limit. */
    public void setMaxSkew(Duration maxSkew) {
      this.maxSkew = maxSkew;
    }

    /** Returns the body limit. */
    public DataSize getMaxBodySize() {
      return maxBodySize;
    }

    /** Sets the body limit. */
    public void setMaxBodySize(DataSize maxBodySize) {
      this.maxBodySize = maxBodySize;
    }

    /** Returns the de-duplication window, or {@code null} for the handler's default (twice the skew limit). */
    public @Nullable Duration getDedupWindow() {
      return dedupWindow;
    }

    /** Sets the de-duplication window. */
    public void setDedupWindow(@Nullable Duration dedupWindow) {
      this.dedupWindow = dedupWindow;
    }

    /** Returns the de-duplication capacity. */
    public long getDedupCapacity() {
      return dedupCapacity;
    }

    /** Sets the de-duplication capacity. */
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

    /** Returns the code bound. */
    public long getMaxCodes() {
      return maxCodes;
    }

    /** Sets the code bound. */
    public void setMaxCodes(long maxCodes) {
      this.maxCodes = maxCodes;
    }

    /** Returns the image bound. */
    public DataSize getMaxImageSize() {
      return maxImageSize;
    }

    /** Sets the image bound. */
    public void setMaxImageSize(DataSize maxImageSize) {
      this.maxImageSize = maxImageSize;
    }
  }

  /** The Redis store ({@code store=redis}). */
  public static class RedisSettings {
    /** e.g. redis://host:6379/0; without it the application's RedisClient or StatefulRedisConnection bean is used. */
    private @Nullable String uri;
    /** The first segment of every key, one per application sharing the Redis. */
    private String keyPrefix = "wechatqr";
    /** How long a caller waits for one Redis command. */
    private Duration commandTimeout = Duration.ofSeconds(2);
    /** The lease of the cluster-wide lock around a token fetch or a code creation. */
    private Duration lockTtl = Duration.ofSeconds(10);
    /** How long a caller waits for another instance's fetch or creation. */
    private Duration lockWait = Duration.ofSeconds(15);

    /** Returns the URI; may hold a password. */
    public @Nullable String getUri() {
      return uri;
    }

    /** Sets the URI. */
    public void setUri(@Nullable String uri) {
      this.uri = uri;
    }

    /** Returns the key prefix. */
    public String getKeyPrefix() {
      return keyPrefix;
    }

    /** Sets the key prefix. */
    public void setKeyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
    }

    /** Returns the command timeout. */
    public Duration getCommandTimeout() {
      return commandTimeout;
    }

    /** Sets the command timeout. */
    public void setCommandTimeout(Duration commandTimeout) {
      this.commandTimeout = commandTimeout;
    }

    /** Returns the lock lease. */
    public Duration getLockTtl() {
      return lockTtl;
    }

    /** Sets the lock lease. */
    public void setLockTtl(Duration lockTtl) {
      this.lockTtl = lockTtl;
    }

    /** Returns the lock wait. */
    public Duration getLockWait() {
      return lockWait;
    }

    /** Sets the lock wait. */
    public void setLockWait(Duration lockWait) {
      this.lockWait = lockWait;
    }
  }
}
