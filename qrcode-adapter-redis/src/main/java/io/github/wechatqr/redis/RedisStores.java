package io.github.wechatqr.redis;

import io.github.wechatqr.domain.AppId;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.port.AccountScoped;
import io.github.wechatqr.domain.token.AccessTokenFetcher;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.TokenKeeper;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The entry point: one Redis connection and the settings, handing out the stores of each account.
 *
 * <pre>{@code
 * try (RedisStores redis = RedisStores.connect("redis://127.0.0.1:6379")) {
 *   QrCodeStore codes = redis.qrCodeStore("wx1234567890abcdef", clock);
 *   CreationLock lock = redis.creationLock("wx1234567890abcdef");
 *   AccessTokenStore.Factory tokens = redis.tokenStore("wx1234567890abcdef", clock, TokenPolicy.defaults());
 *   // hand the token store factory to the gateway; the codes and the lock to
 *   // new QrCodeService(gateway, codes, clock, ReusePolicy.halfLifetimeLeft(), images, lock)
 * }
 * }</pre>
 *
 * <h2>Key layout</h2>
 * Every key starts with {@code {prefix}:{appid}:} ({@link RedisStoreSettings#keyPrefix()}, default
 * {@code wechatqr}), so several accounts and applications can share one Redis. Hashes carry a layout
 * version {@code v}.
 * <table>
 *   <caption>keys of one account</caption>
 *   <tr><th>key</th><th>holds</th><th>expires</th></tr>
 *   <tr><td>{@code {prefix}:{appid}:token}</td><td>hash {@code v, value, expires_at}</td>
 *       <td>with the token</td></tr>
 *   <tr><td>{@code {prefix}:{appid}:token:rejected}</td><td>string: the value WeChat rejected; while it is
 *       set, the next token fetch, by any instance, is forced</td>
 *       <td>when a new token is stored, or after 2 hours</td></tr>
 *   <tr><td>{@code {prefix}:{appid}:req:{id|str}:{expire_seconds|permanent}:{scene}}</td>
 *       <td>hash of the latest code for that request: {@code v, scene_id|scene_str, expire_seconds,
 *       ticket, url, issued_at, expires_at}</td><td>with the code; never when permanent</td></tr>
 *   <tr><td>{@code {prefix}:{appid}:ticket:{ticket}}</td><td>the same hash, by ticket</td>
 *       <td>with the code; never when permanent</td></tr>
 *   <tr><td>{@code {prefix}:{appid}:tickets:req:...}</td><td>sorted set: the tickets saved for that
 *       request, scored by their expiry ({@code +inf} when permanent); a code read by ticket must be on
 *       it</td><td>with its longest-lived ticket; never when permanent; expired tickets leave it on the
 *       next save</td></tr>
 *   <tr><td>{@code {prefix}:{appid}:lock:token}, {@code {prefix}:{appid}:lock:req:...}</td>
 *       <td>owner token of the instance fetching the token / creating that code</td>
 *       <td>after {@code lockTtl}, or on release; a lock key without expiry, or with more left than
 *       {@code lockTtl}, is stale and taken over</td></tr>
 * </table>
 * What the stores read is checked before it is used: see the module README, "Distrust of stored
 * contents".
 * A string scene is URL-encoded in the key ({@code session-42}, {@code shop%3A17}); an id scene is
 * decimal. Scripts touch several keys of one account at once, so a Redis Cluster is not supported; use a
 * single Redis or Sentinel.
 *
 * <h2>Connections</h2>
 * {@link #connect} opens and owns a client tuned for these stores: connecting and every command time out
 * after {@code commandTimeout}, commands are rejected at once while the connection is down (so callers get
 * {@link UpstreamUnavailable} quickly instead of queuing), and reconnection is retried every second at
 * most. {@link #using(RedisClient, RedisStoreSettings)} opens one connection from your client, and
 * {@link #using(StatefulRedisConnection, RedisStoreSettings)} borrows your connection as it is; keep
 * its timeout short there, since a store call waits at most that long per command.
 */
public final class RedisStores implements AutoCloseable {
  private final StatefulRedisConnection<String, String> connection;
  private final RedisStoreSettings settings;
  private final RedisOps redis;
  private final Runnable onClose;
  /** Opens the scan session store's pub/sub connection; absent when the stores borrow a connection. */
  private final @Nullable RedisClient client;

  private RedisStores(StatefulRedisConnection<String, String> connection, RedisStoreSettings settings,
      Runnable onClose, @Nullable RedisClient client) {
    this.client = client;
    this.connection = connection;
    this.settings = settings;
    this.redis = new RedisOps(connection.sync());
    this.onClose = onClose;
  }

  /**
   * Connects to Redis with the default settings.
   *
   * @param redisUri e.g. {@code redis://127.0.0.1:6379/0} or {@code redis://:password@host:6379}
   * @return stores over a connection of their own, with {@link RedisStoreSettings#defaults()}
   * @throws UpstreamUnavailable if Redis cannot be reached
   */
  public static RedisStores connect(String redisUri) {
    return connect(redisUri, RedisStoreSettings.defaults());
  }

  /**
   * Connects to Redis with the given settings.
   *
   * @param redisUri e.g. {@code redis://127.0.0.1:6379/0}
   * @param settings prefix, timeouts and lock durations
   * @return stores over a connection of their own; {@link #close()} shuts it down
   * @throws IllegalArgumentException if the URI is malformed (the URI, which may hold a password, is not quoted)
   * @throws UpstreamUnavailable if Redis cannot be reached
   */
  public static RedisStores connect(String redisUri, RedisStoreSettings settings) {
    Objects.requireNonNull(settings, "settings");
    RedisURI uri;
    try {
      uri = RedisURI.create(Objects.requireNonNull(redisUri, "redisUri"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a Redis URI (redis://host:port[/db])");
    }
    uri.setTimeout(settings.commandTimeout());
    ClientResources resources = ClientResources.builder()
        .reconnectDelay(Delay.exponential(Duration.ofMillis(20), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
        .build();
    RedisClient client = RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder()
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .socketOptions(SocketOptions.builder().connectTimeout(settings.commandTimeout()).build())
        .build());
    Runnable shutdown = () -> {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      resources.shutdown(0, 2, TimeUnit.SECONDS);
    };
    try {
      return new RedisStores(client.connect(), settings, shutdown, client);
    } catch (RedisException e) {
      shutdown.run();
      throw new UpstreamUnavailable("Cannot connect to Redis at " + uri.getHost() + ":" + uri.getPort()
          + ": " + e.getClass().getSimpleName());
    }
  }

  /**
   * Makes stores over a new connection from a client the application owns.
   *
   * @param client your client; its options and resources apply
   * @param settings prefix, timeouts and lock durations; {@code commandTimeout} is set on the new connection
   * @return stores over a new connection from {@code client}; {@link #close()} closes that connection only
   * @throws UpstreamUnavailable if Redis cannot be reached
   */
  public static RedisStores using(RedisClient client, RedisStoreSettings settings) {
    Objects.requireNonNull(settings, "settings");
    StatefulRedisConnection<String, String> connection;
    try {
      connection = Objects.requireNonNull(client, "client").connect();
    } catch (RedisException e) {
      throw new UpstreamUnavailable("Cannot connect to Redis: " + e.getClass().getSimpleName());
    }
    connection.setTimeout(settings.commandTimeout());
    return new RedisStores(connection, settings, connection::close, client);
  }

  /**
   * Makes stores over a connection the application owns.
   *
   * @param connection your connection, used as it is (its timeout bounds each command)
   * @param settings prefix and lock durations
   * @return stores over {@code connection}; {@link #close()} leaves it open
   */
  public static RedisStores using(StatefulRedisConnection<String, String> connection, RedisStoreSettings settings) {
    return new RedisStores(Objects.requireNonNull(connection, "connection"),
        Objects.requireNonNull(settings, "settings"), () -> { }, null);
  }

  /**
   * Gives the account's code store.
   *
   * @param appId the account, 1..64 characters of {@code A-Z a-z 0-9 _ . -}; it namespaces the keys
   * @param clock decides which codes have expired and the keys' TTL
   * @return the account's code store
   * @throws IllegalArgumentException if {@code appId} is malformed
   */
  public RedisQrCodeStore qrCodeStore(String appId, Clock clock) {
    return new RedisQrCodeStore(redis, keys(appId), clock);
  }

  /**
   * Gives the account's creation lock, shared with every instance on the same Redis, prefix and appid, so
   * the cluster makes one create call per request ({@code lockTtl} and {@code lockWait} of the settings).
   * The keys are those the code store of earlier releases locked, so instances of both exclude each other
   * during a rolling upgrade.
   *
   * @param appId the account, 1..64 characters of {@code A-Z a-z 0-9 _ . -}; it namespaces the keys
   * @return the account's creation lock
   * @throws IllegalArgumentException if {@code appId} is malformed
   */
  public RedisCreationLock creationLock(String appId) {
    return new RedisCreationLock(redis, keys(appId), settings, () -> { });
  }

  /**
   * Makes the account's token store around the fetcher a gateway hands over; background refreshes run each
   * on a daemon thread of their own ({@link TokenKeeper#NEW_THREAD_PER_REFRESH}).
   *
   * @param appId the account, 1..64 characters of {@code A-Z a-z 0-9 _ . -}; it namespaces the keys
   * @param clock decides when the token is due and the key's TTL
   * @param policy the safety margin, refresh-ahead window, retry delay and failure back-off
   * @return a factory of {@link RedisAccessTokenStore}s
   */
  public AccessTokenStore.Factory tokenStore(String appId, Clock clock, TokenPolicy policy) {
    return tokenStore(appId, clock, policy, TokenKeeper.NEW_THREAD_PER_REFRESH);
  }

  /**
   * Like {@link #tokenStore(String, Clock, TokenPolicy)}, with background refreshes on your executor.
   *
   * @param appId the account, 1..64 characters of {@code A-Z a-z 0-9 _ . -}; it namespaces the keys
   * @param clock decides when the token is due and the key's TTL
   * @param policy the safety margin, refresh-ahead window, retry delay and failure back-off
   * @param refreshes where background refreshes run (one every two hours or so per account and instance)
   * @return a factory of {@link RedisAccessTokenStore}s
   */
  public AccessTokenStore.Factory tokenStore(String appId, Clock clock, TokenPolicy policy, Executor refreshes) {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(refreshes, "refreshes");
    return new TokenStores(keys(appId), clock, policy, refreshes);
  }

  /**
   * The factory {@link #tokenStore} returns: one account's token stores, and through {@link #forAccount}
   * another account's on the same Redis, so a factory handed to a second account's gateway by mistake is
   * scoped to that account instead of sharing the first account's token.
   */
  private final class TokenStores implements AccessTokenStore.Factory, AccountScoped<AccessTokenStore.Factory> {
    private final RedisKeys keys;
    private final Clock clock;
    private final TokenPolicy policy;
    private final Executor refreshes;

    TokenStores(RedisKeys keys, Clock clock, TokenPolicy policy, Executor refreshes) {
      this.keys = keys;
      this.clock = clock;
      this.policy = policy;
      this.refreshes = refreshes;
    }

    @Override
    public AccessTokenStore create(AccessTokenFetcher fetcher) {
      return new RedisAccessTokenStore(redis, keys, Objects.requireNonNull(fetcher, "fetcher"), clock, policy,
          settings, refreshes, () -> { });
    }

    @Override
    public AccessTokenStore.Factory forAccount(AppId account) {
      return new TokenStores(keys.forAppId(account.value()), clock, policy, refreshes);
    }

    @Override
    public String toString() {
      return "RedisStores.tokenStore[" + keys.appId() + "]";
    }
  }

  /**
   * Makes the account's scan session store, shared with every instance on the same Redis, prefix and appid:
   * a scan handled by one instance completes a waiter on another. It opens a pub/sub connection of its own
   * from the stores' client; close it before these stores.
   *
   * @param appId the account, 1..64 characters of {@code A-Z a-z 0-9 _ . -}; it namespaces the keys
   * @param clock decides when sessions expire and the keys' TTL
   * @return the account's scan session store
   * @throws IllegalArgumentException if {@code appId} is malformed
   * @throws IllegalStateException if these stores borrow a connection ({@link #using(StatefulRedisConnection,
   *     RedisStoreSettings)}): there is no client to open the pub/sub connection from
   * @throws UpstreamUnavailable if Redis cannot be reached
   */
  public RedisScanSessionStore scanSessionStore(String appId, Clock clock) {
    RedisKeys keys = keys(appId);
    Objects.requireNonNull(clock, "clock");
    if (client == null) {
      throw new IllegalStateException("scan sessions need a pub/sub connection of their own: make the stores"
          + " with connect(..) or using(RedisClient, ..)");
    }
    return RedisScanSessionStore.open(client, settings, redis, keys, clock);
  }

  /**
   * Gives the account's push ledger, shared with every instance on the same Redis, prefix and appid, so
   * that WeChat's retries are recognised whichever instance they reach; a claim lapses after
   * {@code lockTtl} of the settings.
   *
   * @param appId the account, 1..64 characters of {@code A-Z a-z 0-9 _ . -}; it namespaces the keys
   * @return the account's push ledger
   * @throws IllegalArgumentException if {@code appId} is malformed
   */
  public RedisPushLedger pushLedger(String appId) {
    return new RedisPushLedger(redis, keys(appId), settings.lockTtl());
  }

  /** Returns the settings the stores use. */
  public RedisStoreSettings settings() {
    return settings;
  }

  /** Returns the connection the stores use, e.g. for a health check. */
  public StatefulRedisConnection<String, String> connection() {
    return connection;
  }

  RedisOps ops() {
    return redis;
  }

  RedisKeys keys(String appId) {
    return new RedisKeys(settings.keyPrefix(), appId);
  }

  /** Closes what these stores opened; a borrowed connection stays open. */
  @Override
  public void close() {
    onClose.run();
  }
}
