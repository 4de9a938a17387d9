package io.github.wechatqr.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.wechatqr.domain.AppId;
import io.github.wechatqr.domain.port.AccountScoped;

/**
 * The two accounts the kits' "several accounts on one store" rules use, and how a kit gets an account's
 * view of the store under test. A store that is not {@link AccountScoped} serves one account only (the
 * builder refuses to hand it to a second one), so those rules are skipped for it, saying why.
 */
final class TwoAccounts {
  static final AppId A = AppId.of("wxaccount000000a");
  static final AppId B = AppId.of("wxaccount000000b");

  private TwoAccounts() {}

  static <P> P view(Object underTest, Class<P> port, AppId account) {
    assumeTrue(underTest instanceof AccountScoped<?>,
        "serves one account only: not AccountScoped, so WeChatQrCodes refuses to share it between accounts");
    return port.cast(((AccountScoped<?>) underTest).forAccount(account));
  }
}
