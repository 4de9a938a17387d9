package io.github.wechatqr.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one answer to every push refused after its signature checked out, and what the receiver keeps of
 * such refusals. WeChat never sends a push that is refused there: one means the callback Token is known to
 * someone else (or WeChat changed its format), and differing answers would let that someone read and forge
 * safe-mode messages (a padding oracle). So the answer is always {@link #REFUSED}; the reason goes to the
 * log only, at WARN and at most once per {@value #LOG_INTERVAL_SECONDS} s; and the refusals are counted, in
 * all and from signed URLs (timestamp and nonce) refused before.
 */
final class Refusals {
  /** The answer to every push refused after its signature checked out. */
  static final CallbackResponse REFUSED = new CallbackResponse(400, "push refused; the receiver's log says why");
  static final long LOG_INTERVAL_SECONDS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);
  private static final int MAX_URLS = 10_000;

  private final LongAdder total = new LongAdder();
  private final LongAdder repeated = new LongAdder();
  private final Cache<Fingerprint, AtomicLong> byUrl;
  private final RateLimitedLog warnings;

  /**
   * @param clock the handler's clock: a signed URL is remembered as long as it can be accepted
   * @param window how long that is (twice the skew limit)
   * @param nanoTime the clock the log's rate limit is measured in
   */
  Refusals(Clock clock, Duration window, LongSupplier nanoTime) {
    this.byUrl = Caffeine.newBuilder()
        .ticker(() -> nanos(clock.instant()))
        .expireAfterWrite(window)
        .maximumSize(MAX_URLS)
        .executor(Runnable::run)
        .build();
    this.warnings = new RateLimitedLog(LOG, LOG_INTERVAL_SECONDS, nanoTime);
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  /**
   * @param signed the request, whose signature checked out
   * @param reason why it is refused, for the log
   * @return {@link #REFUSED}
   */
  CallbackResponse refuse(Signed signed, String reason) {
    total.increment();
    long times = byUrl.get(Fingerprint.of(signed.timestamp(), signed.nonce()), url -> new AtomicLong())
        .incrementAndGet();
    if (times > 1) {
      repeated.increment();
    }
    String printable = printable(reason, 200);
    String nonce = printable(signed.nonce(), 40);
    LOG.debug("refused a signed push: {} (timestamp {}, nonce {})", printable, signed.timestamp(), nonce);
    warnings.warn("refused a push whose signature checked out: {} (signed URL: timestamp {}, nonce {}, refused {}"
        + " times); {} such refusals in all, {} from a signed URL refused before: someone other than WeChat may"
        + " hold the callback token", printable, signed.timestamp(), nonce, times, total.sum(), repeated.sum());
    return REFUSED;
  }

  /** @return how many pushes were refused after their signature checked out */
  long total() {
    return total.sum();
  }

  /** @return how many of those came with a signed URL (timestamp and nonce) already refused before */
  long repeated() {
    return repeated.sum();
  }

  /** Keeps a client's text from forging log lines: controls become '?', and it is cut to {@code max}. */
  static String printable(String text, int max) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 1);
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
    }
    return text.length() > max ? out.append('…').toString() : out.toString();
  }
}
