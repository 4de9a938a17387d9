package io.github.wechatqr.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.wechatqr.domain.AppId;
import io.github.wechatqr.domain.port.AccountScoped;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The accounts the kits' "several accounts on one store" rules use, and how a kit gets an account's view of
 * the store under test. Each account is fresh (a random appid), so a store that outlives one test (a Redis
 * shared by test classes) never meets an earlier test's account. A store that is not {@link AccountScoped} serves one account only (the
 * builder refuses to hand it to a second one), so those rules are skipped for it, saying why.
 */
final class TwoAccounts {
  /** @return an account no earlier test used */
  static AppId fresh() {
    return AppId.of("wxkit" + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE));
  }

  private TwoAccounts() {}

  static <P> P view(Object underTest, Class<P> port, AppId account) {
    assumeTrue(underTest instanceof AccountScoped<?>,
        "serves one account only: not AccountScoped, so WeChatQrCodes refuses to share it between accounts");
    return port.cast(((AccountScoped<?>) underTest).forAccount(account));
  }
}
