package io.github.wechatqr.redis;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.session.ScanSession;
import io.github.wechatqr.domain.session.ScanSession.State;
import io.github.wechatqr.domain.session.ScanSessionStore;
import io.github.wechatqr.domain.session.SessionListeners;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scan sessions of one account in Redis, shared by every instance of a host application: each session a
 * hash {@code {prefix}:{appid}:session:{id}} that expires with its code, changed only by Lua scripts (the
 * first scan wins, one consumption), each change published with the session's id on the account's channel
 * {@code {prefix}:{appid}:session-changes}. Every instance subscribes to that channel once, on a pub/sub
 * connection of its own, before it hands out a subscription, so a waiter that subscribes and then reads
 * misses no change; on a message it reads the session again and tells its local subscribers on one thread
 * of its own (never Lettuce's event loop). Made by {@link RedisStores#scanSessionStore}; {@link #close()}
 * ends the pub/sub connection and that thread.
 *
 * <p>Pub/sub and not streams: a waiter only needs "this session changed" while it waits, and the state itself
 * is in the hash, which a late waiter reads; a stream would keep a log no one replays, need trimming, and
 * cost every instance a blocking read loop. A message lost while an instance's pub/sub connection is down
 * leaves its waiters to their timeout or the code's expiry.
 */
public final class RedisScanSessionStore implements ScanSessionStore, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisScanSessionStore.class);
  private static final String LAYOUT = "1";

  /** KEYS[1] the session; ARGV[1] its TTL in ms, then its fields and values. */
  private static final String CREATE = """
      if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
      redis.call('HSET', KEYS[1], unpack(ARGV, 2))
      redis.call('PEXPIRE', KEYS[1], ARGV[1])
      return 1
      """;

  /**
   * KEYS[1] the session, KEYS[2] the channel; ARGV[1] now in epoch ms, ARGV[2] the state it must be in,
   * ARGV[3] the id to publish, then the fields to set. Answers {1 if changed else 0, the hash}; {} if absent.
   */
  private static final String CHANGE = """
      local state = redis.call('HGET', KEYS[1], 'state')
      if not state then return {} end
      local expires = tonumber(redis.call('HGET', KEYS[1], 'expires_at'))
      if state ~= ARGV[2] or not expires or expires <= tonumber(ARGV[1]) then
        return {0, redis.call('HGETALL', KEYS[1])}
      end
      redis.call('HSET', KEYS[1], unpack(ARGV, 4))
      redis.call('PUBLISH', KEYS[2], ARGV[3])
      return {1, redis.call('HGETALL', KEYS[1])}
      """;

  private final RedisOps redis;
  private final RedisKeys keys;
  private final Clock clock;
  private final StatefulRedisPubSubConnection<String, String> changes;
  private final ExecutorService notifier;
  private final SessionListeners listeners = new SessionListeners();

  private RedisScanSessionStore(RedisOps redis, RedisKeys keys, Clock clock,
      StatefulRedisPubSubConnection<String, String> changes) {
    this.redis = redis;
    this.keys = keys;
    this.clock = clock;
    this.changes = changes;
    this.notifier = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "scan-session-changes-" + keys.appId());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Opens the pub/sub connection and subscribes to the account's channel before returning. */
  static RedisScanSessionStore open(RedisClient client, RedisStoreSettings settings, RedisOps redis,
      RedisKeys keys, Clock clock) {
    try {
      StatefulRedisPubSubConnection<String, String> changes = client.connectPubSub();
      changes.setTimeout(settings.commandTimeout());
      RedisScanSessionStore store = new RedisScanSessionStore(redis, keys, clock, changes);
      changes.addListener(new RedisPubSubAdapter<>() {
        @Override
        public void message(String channel, String id) {
          store.changed(id);
        }
      });
      changes.sync().subscribe(keys.sessionChanges()); // confirmed before any subscription is handed out
      return store;
    } catch (RedisException e) {
      throw new UpstreamUnavailable("Cannot subscribe to the scan sessions' changes: " + e.getClass().getSimpleName());
    }
  }

  @Override
  public void create(ScanSession session) {
    Instant now = clock.instant();
    if (session.state() != State.WAITING || !session.code().isValidAt(now)) {
      throw new IllegalArgumentException("a new session is WAITING and unexpired, was " + session.at(now).state());
    }
    QrCode code = session.code();
    long ttl = Math.max(1, Duration.between(now, code.expiresAt()).toMillis());
    long created = redis.script("creating scan session " + session.shortId(), CREATE,
        new String[] {keys.session(session.id())}, Long.toString(ttl),
        "v", LAYOUT,
        "state", State.WAITING.name(),
        "ticket", code.ticket().value(),
        "url", code.url(),
        "issued_at", Long.toString(code.issuedAt().toEpochMilli()),
        "expires_at", Long.toString(code.expiresAt().toEpochMilli()),
        "lifetime", Long.toString(code.request().lifetime().toSeconds()));
    if (created != 1) {
      throw new IllegalStateException("a session with the id " + session.shortId() + " exists already");
    }
  }

  @Override
  public Optional<ScanSession> find(String id) {
    if (!ScanSession.isSessionId(Objects.requireNonNull(id, "id"))) {
      return Optional.empty(); // no key is made of text of another shape
    }
    String shown = keys.session(ScanSession.shortId(id));
    return decode(id, redis.fields(keys.session(id), shown)).map(session -> session.at(clock.instant()));
  }

  @Override
  public Transition scan(String id, ScanSession.Scan scan) {
    Objects.requireNonNull(scan, "scan");
    return change(id, State.WAITING, "state", State.SCANNED.name(), "open_id", scan.openId(),
        "kind", scan.kind().name(), "scanned_at", Long.toString(scan.at().toEpochMilli()));
  }

  @Override
  public Transition consume(String id) {
    return change(id, State.SCANNED, "state", State.CONSUMED.name());
  }

  private Transition change(String id, State from, String... fields) {
    if (!ScanSession.isSessionId(Objects.requireNonNull(id, "id"))) {
      return Transition.unknown();
    }
    Instant now = clock.instant();
    String[] args = new String[3 + fields.length];
    args[0] = Long.toString(now.toEpochMilli());
    args[1] = from.name();
    args[2] = id;
    System.arraycopy(fields, 0, args, 3, fields.length);
    List<Object> answer = redis.scriptList("changing scan session " + ScanSession.shortId(id), CHANGE,
        new String[] {keys.session(id), keys.sessionChanges()}, args);
    if (answer.isEmpty()) {
      return Transition.unknown();
    }
    long applied = (Long) answer.get(0); // the script answers {} or {0 or 1, the hash}
    Optional<ScanSession> after = decode(id, pairs((List<?>) answer.get(1))).map(session -> session.at(now));
    if (after.isEmpty()) {
      return Transition.unknown();
    }
    return applied == 1 ? Transition.applied(after.get()) : Transition.refused(after.get());
  }

  private static Map<String, String> pairs(List<?> flat) {
    Map<String, String> fields = new HashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      fields.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
    }
    return fields;
  }

  /** The session a hash holds; empty, with a WARN naming the field (never a value), if it is not one of ours. */
  private Optional<ScanSession> decode(String id, Map<String, String> fields) {
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    String field = "v";
    try {
      if (!LAYOUT.equals(fields.get(field))) {
        throw new IllegalArgumentException("unknown layout");
      }
      field = "state";
      State state = State.valueOf(required(fields, field));
      field = "lifetime";
      QrCodeRequest request = QrCodeRequest.temporary(SceneValue.of(id),
          Duration.ofSeconds(Long.parseLong(required(fields, field))));
      field = "issued_at";
      Instant issuedAt = Instant.ofEpochMilli(Long.parseLong(required(fields, field)));
      field = "expires_at";
      Instant expiresAt = Instant.ofEpochMilli(Long.parseLong(required(fields, field)));
      field = "ticket";
      Ticket ticket = new Ticket(required(fields, field));
      field = "url";
      QrCode code = new QrCode(request, ticket, required(fields, field), issuedAt, expiresAt);
      ScanSession.Scan scan = null;
      if (state != State.WAITING) {
        field = "open_id";
        String openId = required(fields, field);
        field = "kind";
        ScanEvent.Kind kind = ScanEvent.Kind.valueOf(required(fields, field));
        field = "scanned_at";
        scan = new ScanSession.Scan(openId, kind, Instant.ofEpochMilli(Long.parseLong(required(fields, field))));
      }
      field = "state";
      return Optional.of(new ScanSession(id, code, state, scan));
    } catch (IllegalArgumentException | QrCodeException | java.time.DateTimeException e) {
      LOG.warn("Ignoring the stored scan session {}: its field {} is not as this library writes it",
          ScanSession.shortId(id), field);
      return Optional.empty();
    }
  }

  private static String required(Map<String, String> fields, String field) {
    String value = fields.get(field);
    if (value == null) {
      throw new IllegalArgumentException("missing");
    }
    return value;
  }

  @Override
  public Subscription subscribe(String id, Consumer<ScanSession> listener) {
    return listeners.add(id, listener);
  }


  /** On Lettuce's thread: hands the read and the telling to this store's own thread. */
  private void changed(String id) {
    if (listeners.has(id)) {
      notifier.execute(() -> tell(id));
    }
  }

  private void tell(String id) {
    List<Consumer<ScanSession>> told = listeners.of(id);
    try {
      find(id).ifPresent(session -> told.forEach(listener -> tell(listener, session)));
    } catch (UpstreamUnavailable e) { // the waiters end by their timeout or the code's expiry
      LOG.warn("reading a changed scan session {} failed: {}", ScanSession.shortId(id), e.getMessage());
    }
  }

  private static void tell(Consumer<ScanSession> listener, ScanSession session) {
    try {
      listener.accept(session);
    } catch (RuntimeException e) { // one failing listener keeps no other from being told
      LOG.warn("a listener of scan session {} failed", session.shortId(), e);
    }
  }

  /** Ends the pub/sub connection and the notifying thread; the stores' command connection stays open. */
  @Override
  public void close() {
    changes.close();
    notifier.shutdownNow();
  }

  /** Names the account; never a session. */
  @Override
  public String toString() {
    return "RedisScanSessionStore[" + keys.prefix() + ":" + keys.appId() + "]";
  }
}
