package io.github.wechatqr.spring;

import java.time.Clock;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Reports the accounts' access tokens without showing them, as {@link AccountsHealth} computes it: for the
 * one account of {@code app-id}, {@code UP} while the token last handed out is valid, {@code DOWN} when none
 * is and the last fetch failed (with the failure's type, errcode and message), {@code UNKNOWN} before the
 * first token or after an idle expiry (the next call fetches one); several accounts each under
 * {@code accounts}. Reading it never calls WeChat, so probes cost no quota.
 */
final class WeChatQrCodeHealthIndicator implements HealthIndicator {
  private final StarterAccounts accounts;
  private final Clock clock;

  WeChatQrCodeHealthIndicator(StarterAccounts accounts, Clock clock) {
    this.accounts = accounts;
    this.clock = clock;
  }

  @Override
  public Health health() {
    AccountsHealth.Report report = AccountsHealth.of(accounts, clock.instant());
    Health.Builder health = switch (report.status()) {
      case UP -> Health.up();
      case DOWN -> Health.down();
      case UNKNOWN -> Health.unknown();
    };
    return health.withDetails(report.details()).build();
  }
}
