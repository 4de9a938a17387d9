package io.github.wechatqr.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.AccessTokenRejected;
import io.github.wechatqr.redis.RedisStoreSettings;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.JournalEntry;
import io.github.wechatqr.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Four independent instances of a host application (each its own Lettuce connection, Feign gateway and
 * {@code QrCodeService}) times 50 threads against ONE fake WeChat whose {@code /cgi-bin/token} retires the
 * previous token at once (overlap 0): with the Redis stores the whole cluster fetches one token and
 * creates each code once; with per-instance in-process stores the same load knocks its own tokens out.
 */
@ExtendWith(SharedRedis.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ClusterSimulationTest {
  private static final int INSTANCES = 4;
  private static final int THREADS_EACH = 50;
  private static final Duration WITHIN = Duration.ofSeconds(60);

  private final MutableClock clock = MutableClock.at("2026-05-01T08:00:00Z");

  private ClusterLoad load(FakeWeChatServer fake, Supplier<ClusterInstance> instance) throws Exception {
    List<ClusterInstance> instances = new ArrayList<>();
    try {
      for (int i = 0; i < INSTANCES; i++) {
        instances.add(instance.get());
      }
      return new ClusterLoad().run(instances, THREADS_EACH, WITHIN);
    } finally {
      instances.forEach(ClusterInstance::close);
    }
  }

  private static String figures(String stores, FakeWeChatServer fake, ClusterLoad load) {
    return String.format("| %s | |%n|---|---:|%n| calls (%d instances x %d threads x %d requests) | %d |%n"
            + "| token fetches | %d |%n| create calls (%d distinct requests) | %d |%n| answers 40001 | %d |%n"
            + "| failed calls | %d |%n", stores, INSTANCES, THREADS_EACH, ClusterLoad.REQUESTS.size(),
        INSTANCES * THREADS_EACH * ClusterLoad.REQUESTS.size(), fake.journal().tokenFetches(),
        ClusterLoad.REQUESTS.size(), fake.journal().count(FakeWeChatServer.CREATE), rejectedTokens(fake),
        load.failures.size());
  }

  private static long rejectedTokens(FakeWeChatServer fake) {
    return fake.journal().entries().stream().filter(e -> Objects.equals(e.errcode(), 40001)).count();
  }

  @Test
  void four_instances_sharing_redis_fetch_one_token_and_create_each_code_once_without_a_40001() throws Exception {
    RedisStoreSettings settings = RedisStoreSettings.defaults().withKeyPrefix("it-cluster-shared");
    try (FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).tokenOverlap(Duration.ZERO).start()) {
      ClusterLoad load = load(fake, () -> ClusterInstance.sharingRedis(SharedRedis.uri(), settings, fake, clock));

      assertThat(load.failures).isEmpty();
      assertThat(fake.journal().tokenFetches()).isEqualTo(1);
      assertThat(rejectedTokens(fake)).isZero();
      List<JournalEntry> creates = fake.journal().entries(FakeWeChatServer.CREATE);
      assertThat(creates).hasSize(ClusterLoad.REQUESTS.size())
          .allSatisfy(create -> assertThat(create.status()).isEqualTo(200))
          .extracting(JournalEntry::body).doesNotHaveDuplicates();
      assertThat(load.served).hasSize(ClusterLoad.REQUESTS.size())
          .allSatisfy((request, codes) -> assertThat(codes).hasSize(1));
      Reliability.publish("cluster-shared", figures("Redis stores shared by the four instances", fake, load));
    }
  }

  @Test
  void the_same_load_on_per_instance_in_process_stores_fetches_a_token_per_instance_and_knocks_them_out()
      throws Exception {
    try (FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).tokenOverlap(Duration.ZERO).start()) {
      ClusterLoad load = load(fake, () -> ClusterInstance.inProcess(fake, clock));

      // Each instance must fetch its own token, and each fetch retires the others' at once.
      assertThat(fake.journal().tokenFetches()).isGreaterThanOrEqualTo(INSTANCES);
      assertThat(rejectedTokens(fake) + fake.journal().count(FakeWeChatServer.CREATE))
          .isGreaterThan(ClusterLoad.REQUESTS.size());
      assertThat(load.failures).allSatisfy(failure -> assertThat(failure).isInstanceOf(AccessTokenRejected.class));
      Reliability.publish("cluster-control", figures("Caffeine stores of each instance's own", fake, load));
    }
  }
}
