package io.github.wechatqr.testkit;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
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
