package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.port.PushLedger;
import io.github.wechatqr.domain.port.PushLedger.Claim;
import io.github.wechatqr.testkit.Await;
import io.github.wechatqr.testkit.PushLedgerContract;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The kit with each instance on a connection of its own, the keys in Redis, and claims that lapse. */
@ExtendWith(SharedRedis.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisPushLedgerTest extends PushLedgerContract {
  private static final String PUSH = "ab".repeat(32);
  private final String appId = SharedRedis.freshAppId();
  private final RedisCommands<String, String> raw = SharedRedis.raw();
  @RegisterExtension
  final Instances instances = new Instances();

  @Override
  protected PushLedger instance() {
    return instances.open(RedisStoreSettings.defaults()).pushLedger(appId);
  }

  @Test
  void a_claim_is_an_owner_for_lock_ttl_and_a_completion_is_done_for_the_window() {
    PushLedger ledger = instance();
    String key = "wechatqr:" + appId + ":push:" + PUSH;
    ledger.claim(PUSH);
    assertThat(raw.get(key)).matches("[0-9a-f-]{36}");
    assertThat(raw.pttl(key)).isBetween(1L, Duration.ofSeconds(10).toMillis());
    ledger.completed(PUSH, Duration.ofMinutes(11));
    assertThat(raw.get(key)).isEqualTo("done");
    assertThat(raw.pttl(key)).isGreaterThan(Duration.ofMinutes(10).toMillis());
    assertThat(ledger.toString()).isEqualTo("RedisPushLedger[wechatqr:" + appId + ", claimFor=PT10S]");
  }

  @Test
  void a_claim_of_a_crashed_instance_lapses_after_lock_ttl() {
    PushLedger crashing = instances.open(RedisStoreSettings.defaults().withLockTtl(Duration.ofMillis(300))
        .withLockWait(Duration.ofSeconds(1))).pushLedger(appId);
    assertThat(crashing.claim(PUSH)).isEqualTo(Claim.FIRST);
    PushLedger other = instance();
    Await.until("the crashed instance's claim to lapse", () -> other.claim(PUSH) == Claim.FIRST,
        Duration.ofSeconds(10));
  }

  @Test
  void only_fingerprints_name_keys() {
    PushLedger ledger = instance();
    assertThatThrownBy(() -> ledger.claim("x:*")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pushId");
    assertThatThrownBy(() -> ledger.abandoned(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
