package io.github.wechatqr.redis;

import io.github.wechatqr.domain.AppId;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.port.AccountScoped;
import io.github.wechatqr.domain.port.QrCodeStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account's QR codes, shared by every instance that points at the same Redis, prefix and appid.
 * <ul>
 *   <li>A code is kept twice, as the same versioned hash: under its request
 *       ({@code {prefix}:{appid}:req:...}, the latest code for that request) and under its ticket
 *       ({@code {prefix}:{appid}:ticket:{ticket}}, so a replaced code still resolves scans until it
 *       expires). Both keys are written by one Lua script, so no reader ever sees one without the
 *       other.</li>
 *   <li>TTL: a temporary code's keys expire with the code ({@code PX = expiresAt - now} from the store's
 *       clock); a permanent code's keys never expire. Reads also check {@code expiresAt} against the clock,
 *       so an expired code is never returned even before Redis drops it.</li>
 *   <li>Index integrity: every save also adds the ticket to the request's record of tickets
 *       ({@code {prefix}:{appid}:tickets:req:...}, a sorted set by expiry). A code read by request must be
 *       the very code its ticket's key holds; a code read by ticket must be on record for the request it
 *       names. Anything else (a ticket or scene moved between keys) is logged and treated as absent.</li>
 *   <li>An entry this release cannot read (newer layout, corrupt) is logged and treated as absent; Redis
 *       unreachable is {@link io.github.wechatqr.domain.UpstreamUnavailable}.</li>
 * </ul>
 *
 * <p>One create call per request for the whole cluster is the {@link RedisCreationLock}'s job: give
 * {@code QrCodeService} both.
 *
 * <pre>{@code
 * QrCodeStore codes = redis.qrCodeStore("wx1234567890abcdef", clock);
 * CreationLock lock = redis.creationLock("wx1234567890abcdef");
 * QrCodeService qrcodes = new QrCodeService(gateway, codes, clock, ReusePolicy.halfLifetimeLeft(), images, lock);
 * }</pre>
 */
public final class RedisQrCodeStore implements QrCodeStore, AccountScoped<QrCodeStore> {
  private static final Logger LOG = LoggerFactory.getLogger(RedisQrCodeStore.class);
  /**
   * KEYS: request, ticket, the request's record of tickets. ARGV: PX (0 = no expiry), the ticket, its
   * score (expiry in epoch ms, {@code +inf} for a permanent code), the score below which recorded tickets
   * have expired, field, value, ... Replaces both hashes at once and adds the ticket to the record, which
   * lives as long as its longest-lived ticket and drops the expired ones. Idempotent.
   */
  static final String SAVE = """
      for i = 1, 2 do
        redis.call('del', KEYS[i])
        redis.call('hset', KEYS[i], unpack(ARGV, 5))
        if ARGV[1] ~= '0' then redis.call('pexpire', KEYS[i], ARGV[1]) end
      end
      if redis.call('type', KEYS[3])['ok'] ~= 'zset' then redis.call('del', KEYS[3]) end
      if ARGV[1] == '0' then
        redis.call('zadd', KEYS[3], ARGV[3], ARGV[2])
        redis.call('persist', KEYS[3])
      else
        redis.call('zremrangebyscore', KEYS[3], '-inf', '(' .. ARGV[4])
        redis.call('zadd', KEYS[3], ARGV[3], ARGV[2])
        if redis.call('pttl', KEYS[3]) < tonumber(ARGV[1]) then redis.call('pexpire', KEYS[3], ARGV[1]) end
      end
      return 1""";
  /**
   * How long past its expiry a ticket stays in its request's record: instances whose clocks run a little
   * behind still find the codes they consider valid on record.
   */
  static final Duration RECORD_GRACE = Duration.ofMinutes(1);
  private final RedisOps redis;
  private final RedisKeys keys;
  private final Clock clock;

  RedisQrCodeStore(RedisOps redis, RedisKeys keys, Clock clock) {
    this.redis = redis;
    this.keys = keys;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Returns the code store of another account on the same Redis, prefix and clock: its keys start with
   * {@code {prefix}:{account}:}, as {@link RedisStores#qrCodeStore(String, Clock)} would make them.
   *
   * @param account the account
   * @return the account's code store
   */
  @Override
  public RedisQrCodeStore forAccount(AppId account) {
    return new RedisQrCodeStore(redis, keys.forAppId(account.value()), clock);
  }

  @Override
  public Optional<QrCode> findByRequest(QrCodeRequest request) {
    return findByRequest(request, clock.instant());
  }

  /**
   * {@inheritDoc} Judged at the caller's reading, as this store would judge at its own. The code must be
   * the one its ticket's key holds too (both are written by one script): a ticket moved into another
   * request's hash is never handed out.
   */
  @Override
  public Optional<QrCode> findByRequest(QrCodeRequest request, Instant now) {
    String key = keys.request(request);
    Optional<QrCode> found = valid(key, now).filter(code -> sameAs(code.request(), request, key));
    if (found.isEmpty()) {
      return found;
    }
    String ticketKey = keys.ticket(found.get().ticket());
    if (read(ticketKey).filter(found.get()::equals).isPresent()) {
      return found;
    }
    LOG.warn("Ignoring the Redis entry {}: the key of its ticket, {}, does not hold the same code (a ticket moved"
        + " between keys, or an entry edited by hand)", Printable.of(key), Printable.of(ticketKey));
    return Optional.empty();
  }

  /**
   * {@inheritDoc} A ticket that is not of {@linkplain Shapes#ticket WeChat's shape} was never saved: it is
   * not looked up (nor is it logged).
   */
  @Override
  public Optional<QrCode> findByTicket(Ticket ticket) {
    String misshapen = Shapes.ticket(ticket.value());
    if (misshapen != null) {
      LOG.debug("Not looking up a ticket that {}", misshapen);
      return Optional.empty();
    }
    String key = keys.ticket(ticket);
    Optional<QrCode> found = valid(key, clock.instant()).filter(code -> sameAs(code.ticket(), ticket, key));
    if (found.isEmpty() || onRecord(found.get())) {
      return found;
    }
    LOG.warn("Ignoring the Redis entry {}: its ticket is not on record for the request it names ({} does not list"
        + " it, and {} holds another code); a scene moved between keys, or an entry edited by hand",
        Printable.of(key), Printable.of(keys.ticketsOf(found.get().request())),
        Printable.of(keys.request(found.get().request())));
    return Optional.empty();
  }

  /**
   * @return whether the code's ticket was saved for the code's request: listed in the request's record,
   *     or (for a code saved by a release that kept no record) the very code the request's key holds
   */
  private boolean onRecord(QrCode code) {
    if (redis.score(keys.ticketsOf(code.request()), code.ticket().value()) != null) {
      return true;
    }
    return read(keys.request(code.request())).filter(code::equals).isPresent();
  }

  /**
   * {@inheritDoc} A code whose ticket or URL is not of {@linkplain Shapes WeChat's shape} is not saved
   * (logged at WARN): no reader would take it back.
   */
  @Override
  public void save(QrCode code) {
    String misshapen = QrCodeLayout.misshapen(code);
    if (misshapen != null) {
      LOG.warn("Not saving the code for {}: {}", keys.request(code.request()), misshapen);
      return;
    }
    long ttl = 0;
    String score = "+inf";
    String expiredBelow = "-inf";
    if (code.expiresAt() != null) {
      Instant now = clock.instant();
      if (!code.isValidAt(now)) {
        LOG.debug("Not saving the code with ticket {}: it expired at {}", code.ticket(), code.expiresAt());
        return;
      }
      ttl = Math.max(1, code.remainingAt(now).toMillis());
      score = Long.toString(code.expiresAt().toEpochMilli());
      expiredBelow = Long.toString(now.minus(RECORD_GRACE).toEpochMilli());
    }
    redis.script("saving the code with ticket " + code.ticket(), SAVE,
        new String[] {keys.request(code.request()), keys.ticket(code.ticket()), keys.ticketsOf(code.request())},
        Layout.arguments(QrCodeLayout.write(code), Long.toString(ttl), code.ticket().value(), score, expiredBelow));
  }

  private Optional<QrCode> valid(String key, Instant now) {
    return read(key).filter(code -> code.isValidAt(now));
  }

  private Optional<QrCode> read(String key) {
    return Layout.readOrSkip(key, redis.fields(key), QrCodeLayout::read);
  }

  /** A hash under a key whose name it does not match was not written by this layout: never hand it out. */
  private static boolean sameAs(Object stored, Object asked, String key) {
    if (stored.equals(asked)) {
      return true;
    }
    LOG.warn("Ignoring the Redis entry {}: it holds a code for another request or ticket", Printable.of(key));
    return false;
  }
}
