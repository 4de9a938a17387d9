package io.github.wechatqr.spring;

import io.github.wechatqr.spring.AccessTokenState.RefreshFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the health contributor {@code wechatQrCode} reports: the accounts' access tokens, without the tokens and
 * without any Spring Boot type, so each Boot line's adapter ({@link Boot3HealthIndicator},
 * {@link Boot4HealthIndicator}) only turns it into that line's {@code Health}. Per account: {@code UP} while the token last handed out is
 * valid, {@code DOWN} when none is and the last fetch failed (type, errcode, message), {@code UNKNOWN} before
 * the first token, after an idle expiry, or when the account's service is the application's own and the
 * starter cannot see its token (the details say so). The one account of {@code app-id} is reported flat;
 * several are reported under {@code accounts}, by name, and together are {@code DOWN} if one is, else
 * {@code UP} if one is, else {@code UNKNOWN}. Computing it never calls WeChat.
 */
final class WeChatQrCodeHealth {
  /** What a service of the application's own hides from the starter. */
  static final String NOT_OBSERVED = "not observed: the QrCodeService is the application's own bean, and the"
      + " starter sees the token only of calls through the gateway it made";

  /** A status the actuator knows. */
  enum Status { UP, DOWN, UNKNOWN }

  /**
   * A status and its details.
   *
   * @param status the status
   * @param details what the status rests on; no token, no secret
   */
  record Report(Status status, Map<String, Object> details) {}

  private final StarterAccounts accounts;
  private final Clock clock;

  WeChatQrCodeHealth(StarterAccounts accounts, Clock clock) {
    this.accounts = accounts;
    this.clock = clock;
  }

  /** @return the accounts' state now, read from what their token stores recorded */
  Report report() {
    return of(accounts, clock.instant());
  }

  static Report of(StarterAccounts accounts, Instant now) {
    if (!accounts.several()) {
      return of(accounts.all().get(0), now);
    }
    Map<String, Object> byName = new LinkedHashMap<>();
    boolean down = false;
    boolean up = false;
    for (StarterAccounts.Account account : accounts.all()) {
      Report report = of(account, now);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("status", report.status().name());
      details.putAll(report.details());
      byName.put(account.name(), details);
      down |= report.status() == Status.DOWN;
      up |= report.status() == Status.UP;
    }
    return new Report(down ? Status.DOWN : up ? Status.UP : Status.UNKNOWN, Map.of("accounts", byName));
  }

  static Report of(StarterAccounts.Account account, Instant now) {
    Map<String, Object> details = new LinkedHashMap<>();
    Status status;
    Optional<AccessTokenState> tokens = account.tokens();
    if (tokens.isEmpty()) {
      status = Status.UNKNOWN;
      details.put("token", NOT_OBSERVED);
    } else {
      AccessTokenState state = tokens.get();
      if (state.holdsValidTokenAt(now)) {
        status = Status.UP;
      } else if (state.lastFailure().isPresent()) {
        status = Status.DOWN;
      } else {
        status = Status.UNKNOWN;
        details.put("token", state.validUntil().isPresent() ? "expired; the next call fetches one"
            : account.ownService() ? "none fetched yet" : NOT_OBSERVED);
      }
    }
    details.put("appId", account.appId()); // required of every account
    details.put("tokenMode", String.valueOf(account.tokenMode()).toLowerCase(Locale.ROOT));
    tokens.ifPresent(state -> {
      state.validUntil().ifPresent(until -> details.put("tokenValidUntil", until.toString()));
      state.lastRefresh().ifPresent(at -> details.put("lastRefresh", at.toString()));
      state.lastFailure().ifPresent(f -> details.put("lastRefreshError", describe(f)));
    });
    return new Report(status, details);
  }

  private static Map<String, Object> describe(RefreshFailure failure) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("at", failure.at().toString());
    details.put("error", failure.error());
    if (failure.errcode() != null) {
      details.put("errcode", failure.errcode());
    }
    if (!failure.message().isEmpty()) {
      details.put("message", failure.message());
    }
    return details;
  }
}
