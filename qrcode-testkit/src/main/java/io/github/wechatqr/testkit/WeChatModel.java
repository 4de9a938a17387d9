package io.github.wechatqr.testkit;

import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.TicketNotFound;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The fake service without HTTP: accounts, tokens, codes and images, all on one clock. */
final class WeChatModel {
  final Clock clock;
  final Map<String, FakeAccount> accounts;
  final TokenBook tokens;
  final CodeBook codes;
  private final Map<String, byte[]> images = new ConcurrentHashMap<>();
  private final Function<String, byte[]> renderer;

  WeChatModel(Clock clock, Map<String, FakeAccount> accounts, Duration tokenOverlap, int permanentQuota) {
    this(clock, accounts, tokenOverlap, permanentQuota, QrImages::jpeg);
  }

  WeChatModel(Clock clock, Map<String, FakeAccount> accounts, Duration tokenOverlap, int permanentQuota,
      Function<String, byte[]> renderer) {
    this.renderer = renderer;
    this.clock = clock;
    this.accounts = Map.copyOf(accounts);
    this.tokens = new TokenBook(clock, tokenOverlap);
    this.codes = new CodeBook(clock, permanentQuota);
  }

  TokenBook.Grant token(String grantType, String appId, String secret) {
    return tokens.classic(account(grantType, appId, secret));
  }

  TokenBook.Grant stableToken(String grantType, String appId, String secret, boolean forceRefresh) {
    return tokens.stable(account(grantType, appId, secret), forceRefresh);
  }

  /** Checks the token before the body, as WeChat does. */
  FakeCode create(String accessToken, String body) {
    FakeAccount account = tokens.authorize(accessToken);
    return codes.create(account, Json.parse(body));
  }

  /** The JPEG of a ticket that is known and still valid, else null (WeChat answers 404). */
  byte[] image(String ticket) {
    FakeCode code = codes.find(ticket);
    if (code == null || !code.isValidAt(clock.instant())) {
      return null;
    }
    return images.computeIfAbsent(code.ticket(), t -> renderer.apply(code.url()));
  }

  /**
   * A scan of a code this model issued and that is still valid: WeChat pushes nothing for any other.
   *
   * @param follower whether the user follows the account already; {@code null}: as far as this model
   *     knows (a user follows from the first scan on)
   * @throws TicketNotFound for an unknown or expired ticket
   */
  Scanned scan(Ticket ticket, String openId, Boolean follower) {
    Objects.requireNonNull(openId, "openId");
    FakeCode code = codes.find(ticket.value());
    Instant now = clock.instant();
    if (code == null) {
      throw new TicketNotFound(ticket, "this fake never issued it, so WeChat pushes no scan for it");
    }
    if (!code.isValidAt(now)) {
      throw new TicketNotFound(ticket, "it expired at " + code.expiresAt() + ", so WeChat pushes no scan for it");
    }
    FakeAccount account = accounts.get(code.appId());
    boolean subscribe = follower == null ? account.followers.add(openId) : !follower;
    account.followers.add(openId);
    return new Scanned(account, code, openId, subscribe, now.getEpochSecond());
  }

  private FakeAccount account(String grantType, String appId, String secret) {
    if (!"client_credential".equals(grantType)) {
      throw new ModelError(40002);
    }
    FakeAccount account = appId == null ? null : accounts.get(appId);
    if (account == null) {
      throw new ModelError(40013);
    }
    if (!account.secret.equals(secret)) {
      throw new ModelError(40125);
    }
    return account;
  }
}
