package io.github.wechatqr.redis;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.port.QrCodeStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
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
 *   <li>{@link #whileCreating}: a lock per request ({@code {prefix}:{appid}:lock:req:...}) so the whole
 *       cluster makes one create call per request; waiters re-run the creation once they get the lock,
 *       and it finds the code the winner saved.</li>
 *   <li>An entry this release cannot read (newer layout, corrupt) is logged and treated as absent; Redis
 *       unreachable is {@link io.github.wechatqr.domain.UpstreamUnavailable}.</li>
 * </ul>
 *
 * <pre>{@code
 * QrCodeStore codes = redis.qrCodeStore("wx1234567890abcdef", Clock.systemUTC());
 * QrCodeService qrcodes = new QrCodeService(gateway, codes, Clock.systemUTC());
 * }</pre>
 */
public final class RedisQrCodeStore implements QrCodeStore {
  private static final Logger LOG = LoggerFactory.getLogger(RedisQrCodeStore.class);
  /** KEYS: request, ticket. ARGV: PX (0 = no expiry), field, value, ... Replaces both keys at once. */
  static final String SAVE = """
      for i = 1, 2 do
        redis.call('del', KEYS[i])
        redis.call('hset', KEYS[i], unpack(ARGV, 2))
        if ARGV[1] ~= '0' then redis.call('pexpire', KEYS[i], ARGV[1]) end
      end
      return 1""";
  private final RedisOps redis;
  private final RedisKeys keys;
  private final Clock clock;
  private final DistributedLock lock;

  RedisQrCodeStore(RedisOps redis, RedisKeys keys, Clock clock, RedisStoreSettings settings, Runnable onBusy) {
    this.redis = redis;
    this.keys = keys;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lock = new DistributedLock(redis, settings.lockTtl(), settings.lockWait(), onBusy);
  }

  @Override
  public Optional<QrCode> findByRequest(QrCodeRequest request) {
    return findByRequest(request, clock.instant());
  }

  /** {@inheritDoc} Judged at the caller's reading, as this store would judge at its own. */
  @Override
  public Optional<QrCode> findByRequest(QrCodeRequest request, Instant now) {
    String key = keys.request(request);
    return valid(key, now).filter(code -> sameAs(code.request(), request, key));
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
    return valid(key, clock.instant()).filter(code -> sameAs(code.ticket(), ticket, key));
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
    if (code.expiresAt() != null) {
      Instant now = clock.instant();
      if (!code.isValidAt(now)) {
        LOG.debug("Not saving the code with ticket {}: it expired at {}", code.ticket(), code.expiresAt());
        return;
      }
      ttl = Math.max(1, code.remainingAt(now).toMillis());
    }
    redis.script("saving the code with ticket " + code.ticket(), SAVE,
        new String[] {keys.request(code.request()), keys.ticket(code.ticket())},
        Layout.arguments(QrCodeLayout.write(code), Long.toString(ttl)));
  }

  @Override
  public <T> T whileCreating(QrCodeRequest request, Supplier<T> creation) {
    return lock.run(keys.requestLock(request), "creating the code for " + keys.request(request), lock.deadline(),
        owner -> creation.get(), Optional::empty);
  }

  private Optional<QrCode> valid(String key, Instant now) {
    return Layout.readOrSkip(key, redis.fields(key), QrCodeLayout::read).filter(code -> code.isValidAt(now));
  }

  /** A hash under a key whose name it does not match was not written by this layout: never hand it out. */
  private static boolean sameAs(Object stored, Object asked, String key) {
    if (stored.equals(asked)) {
      return true;
    }
    LOG.warn("Ignoring the Redis entry {}: it holds a code for another request or ticket", key);
    return false;
  }
}
