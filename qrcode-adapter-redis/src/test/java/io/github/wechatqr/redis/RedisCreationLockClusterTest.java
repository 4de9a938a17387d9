package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.IssuedTicket;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.port.QrCodeGateway;
import io.github.wechatqr.domain.port.QrImageStore;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.domain.service.ReusePolicy;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.NewThreads;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two instances, each with its own connection, code store, creation lock and {@link QrCodeService}, in front
 * of ONE upstream (a shared {@link InMemoryQrCodeGateway}, whose {@code issueCount()} counts create calls).
 */
@ExtendWith(SharedRedis.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RedisCreationLockClusterTest {
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
  private static final RedisStoreSettings DEFAULTS = RedisStoreSettings.defaults();
  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final InMemoryQrCodeGateway upstream = new InMemoryQrCodeGateway(clock);
  private final String appId = SharedRedis.freshAppId();
  private final RedisKeys keys = new RedisKeys(DEFAULTS.keyPrefix(), appId);
  private final RedisCommands<String, String> raw = SharedRedis.raw();
  @RegisterExtension
  final Instances instances = new Instances();

  /** One instance: a connection of its own, with the account's code store and creation lock over it. */
  private QrCodeService instance(QrCodeGateway gateway, RedisStoreSettings settings, Runnable onBusy) {
    RedisStores redis = instances.open(settings);
    return new QrCodeService(gateway, redis.qrCodeStore(appId, clock), clock, ReusePolicy.halfLifetimeLeft(),
        QrImageStore.none(), new RedisCreationLock(redis.ops(), redis.keys(appId), settings, onBusy));
  }

  @Test
  void an_instance_that_finds_another_creating_the_same_code_waits_and_reuses_it() throws Exception {
    CountDownLatch aIssuing = new CountDownLatch(1);
    CountDownLatch bWaiting = new CountDownLatch(1);
    QrCodeGateway heldUpstream = new QrCodeGateway() {
      @Override
      public IssuedTicket issue(QrCodeRequest request) {
        aIssuing.countDown();
        Waits.await(bWaiting);
        return upstream.issue(request);
      }

      @Override
      public QrImage download(Ticket ticket) {
        return upstream.download(ticket);
      }
    };
    QrCodeService a = instance(heldUpstream, DEFAULTS, () -> { });
    QrCodeService b = instance(upstream, DEFAULTS, bWaiting::countDown);
    CompletableFuture<QrCode> fromA = CompletableFuture.supplyAsync(() -> a.temporary(SceneValue.of(7), TEN_MINUTES),
        NewThreads.named("redis-creation-lock-cluster-test"));
    Waits.await(aIssuing);

    QrCode fromB = b.temporary(SceneValue.of(7), TEN_MINUTES);

    assertThat(fromB).isEqualTo(fromA.get(10, TimeUnit.SECONDS));
    assertThat(upstream.issueCount()).isEqualTo(1);
  }

  @Test
  void many_threads_on_two_instances_make_exactly_one_create_per_distinct_request() throws Exception {
    List<QrCodeService> services = List.of(instance(upstream, DEFAULTS, () -> { }),
        instance(upstream, DEFAULTS, () -> { }));
    List<QrCodeRequest> requests = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      requests.add(QrCodeRequest.temporary(SceneValue.of(i), TEN_MINUTES));
      requests.add(QrCodeRequest.temporary(SceneValue.of("session-" + i), TEN_MINUTES));
      requests.add(QrCodeRequest.permanent(SceneValue.of(i)));
      requests.add(QrCodeRequest.permanent(SceneValue.of("shop:" + i)));
    }
    Map<QrCodeRequest, List<QrCode>> seen = new ConcurrentHashMap<>();

    Instances.concurrently(16, t -> () -> {
      List<QrCodeRequest> order = new ArrayList<>(requests);
      Collections.shuffle(order, new Random(t));
      order.forEach(request -> seen.computeIfAbsent(request, r -> Collections.synchronizedList(new ArrayList<>()))
          .add(services.get(t % 2).obtain(request)));
      return order.size();
    });

    assertThat(upstream.issueCount()).isEqualTo(requests.size());
    assertThat(seen).hasSize(requests.size()).allSatisfy((request, codes) -> {
      assertThat(codes).hasSize(16);
      assertThat(Set.copyOf(codes)).hasSize(1);
    });
  }

  @Test
  void a_lock_holder_that_died_mid_creation_blocks_the_others_only_until_its_lease_lapses() {
    QrCodeRequest request = QrCodeRequest.temporary(SceneValue.of(9), TEN_MINUTES);
    CountDownLatch waited = new CountDownLatch(1);
    Duration lease = Duration.ofSeconds(1);
    QrCodeService service = instance(upstream,
        DEFAULTS.withLockTtl(lease).withLockWait(Duration.ofSeconds(10)), waited::countDown);
    service.obtain(QrCodeRequest.permanent(SceneValue.of("warm"))); // connected and compiled before the lease starts
    // Planted last, a lease as long as lockTtl (a longer one would be taken over as stale): the lease must
    // still run when the service first tries the lock, even on a loaded machine.
    raw.set(keys.requestLock(request), "crashed-instance", SetArgs.Builder.px(lease.toMillis()));

    QrCode code = service.obtain(request);

    assertThat(waited.getCount()).as("it found the dead holder's lock first").isZero();
    assertThat(code.request()).isEqualTo(request);
    assertThat(upstream.issueCount()).isEqualTo(2);
    assertThat(raw.exists(keys.requestLock(request))).isZero();
  }

  @Test
  void a_creator_gives_up_with_upstream_unavailable_when_the_wait_budget_runs_out() {
    QrCodeRequest request = QrCodeRequest.permanent(SceneValue.of("stuck"));
    raw.set(keys.requestLock(request), "stuck-instance", SetArgs.Builder.px(DEFAULTS.lockTtl().toMillis()));
    QrCodeService service = instance(upstream, DEFAULTS.withLockWait(Duration.ofMillis(200)), () -> { });

    assertThatThrownBy(() -> service.obtain(request))
        .isInstanceOf(UpstreamUnavailable.class)
        .hasMessageContaining("waiting for another instance creating the code for " + keys.request(request));
    assertThat(upstream.issueCount()).isZero();
  }

  @Test
  void a_failed_creation_releases_the_lock_and_the_next_call_creates() {
    QrCodeRequest request = QrCodeRequest.temporary(SceneValue.of(11), TEN_MINUTES);
    QrCodeService service = instance(upstream, DEFAULTS, () -> { });
    upstream.failNextIssue(new UpstreamUnavailable("WeChat down"));

    assertThatThrownBy(() -> service.obtain(request)).hasMessage("WeChat down");
    assertThat(raw.exists(keys.requestLock(request))).isZero();
    assertThat(service.obtain(request).request()).isEqualTo(request);
    assertThat(upstream.issueCount()).isEqualTo(2);
  }
}
