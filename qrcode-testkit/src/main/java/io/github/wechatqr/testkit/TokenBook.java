package io.github.wechatqr.testkit;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens as WeChat hands them out: 7200 s each; a new {@code /cgi-bin/token} token retires the
 * previous one after an overlap. {@code stable_token} keeps its token, but renews it in the last 5 minutes
 * (the old one then stays valid until it expires), and a forced refresh retires the old one at once
 * (the platform's documented behaviour for getStableAccessToken).
 */
final class TokenBook {
  static final Duration LIFETIME = Duration.ofSeconds(7200);
  static final Duration STABLE_RENEWAL = Duration.ofMinutes(5);

  private static final class Issued {
    final FakeAccount account;
    final Instant expiresAt;
    volatile Instant retiredAt;

    Issued(FakeAccount account, Instant expiresAt) {
      this.account = account;
      this.expiresAt = expiresAt;
    }
  }

  record Grant(String token, long expiresIn) {}

  private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Duration overlap;

  TokenBook(Clock clock, Duration overlap) {
    this.clock = clock;
    this.overlap = overlap;
  }

  synchronized Grant classic(FakeAccount account) {
    Instant now = clock.instant();
    retireLater(account.classicToken, now);
    account.classicToken = issue(account, now);
    return new Grant(account.classicToken, LIFETIME.toSeconds());
  }

  synchronized Grant stable(FakeAccount account, boolean forceRefresh) {
    Instant now = clock.instant();
    Issued current = account.stableToken == null ? null : tokens.get(account.stableToken);
    if (!forceRefresh && current != null && usable(current, now.plus(STABLE_RENEWAL))) {
      return new Grant(account.stableToken, Duration.between(now, current.expiresAt).toSeconds());
    }
    if (forceRefresh && current != null) {
      current.retiredAt = now;
    }
    account.stableToken = issue(account, now);
    return new Grant(account.stableToken, LIFETIME.toSeconds());
  }

  /** The account the token belongs to, or the error WeChat would answer. */
  FakeAccount authorize(String token) {
    if (token == null || token.isEmpty()) {
      throw new ModelError(41001);
    }
    Issued issued = tokens.get(token);
    Instant now = clock.instant();
    if (issued == null || issued.retiredAt != null && !now.isBefore(issued.retiredAt)) {
      throw new ModelError(40001);
    }
    if (!now.isBefore(issued.expiresAt)) {
      throw new ModelError(42001);
    }
    return issued.account;
  }

  /** Retires a token at once, as when WeChat answers 40001 for it. */
  void invalidate(String token) {
    Issued issued = token == null ? null : tokens.get(token);
    if (issued != null) {
      issued.retiredAt = clock.instant();
    }
  }

  void invalidateAll() {
    Instant now = clock.instant();
    tokens.values().forEach(issued -> issued.retiredAt = now);
  }

  private boolean usable(Issued issued, Instant now) {
    return now.isBefore(issued.expiresAt) && (issued.retiredAt == null || now.isBefore(issued.retiredAt));
  }

  private void retireLater(String token, Instant now) {
    Issued previous = token == null ? null : tokens.get(token);
    if (previous != null && previous.retiredAt == null) {
      previous.retiredAt = now.plus(overlap);
    }
  }

  private String issue(FakeAccount account, Instant now) {
    byte[] bytes = new byte[48];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    SecretLedger.record(token);
    tokens.put(token, new Issued(account, now.plus(LIFETIME)));
    return token;
  }
}
