package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.domain.session.ScanOutcome;
import io.github.wechatqr.domain.session.ScanSession;
import io.github.wechatqr.domain.session.ScanSessionRefused;
import io.github.wechatqr.domain.session.ScanSessionStore;
import io.github.wechatqr.domain.session.ScanSessions;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.testkit.EmbeddedRedis;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.ScanSessionStoreContract;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The kit with each instance on connections of its own (a command connection and a pub/sub connection, as a
 * separate process would have), the layout in Redis, what a hostile writer could leave there, and the use
 * case across two instances: the push handled by one, the waiter on the other.
 */
@ExtendWith(SharedRedis.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisScanSessionStoreTest extends ScanSessionStoreContract {
  private final String appId = SharedRedis.freshAppId();
  private final RedisKeys keys = new RedisKeys(RedisStoreSettings.defaults().keyPrefix(), appId);
  private final RedisCommands<String, String> raw = SharedRedis.raw();
  private final List<RedisScanSessionStore> stores = new ArrayList<>();
  @RegisterExtension
  final Instances instances = new Instances();

  @Override
  protected ScanSessionStore instance(Clock clock) {
    RedisScanSessionStore store = instances.open(RedisStoreSettings.defaults()).scanSessionStore(appId, clock);
    stores.add(store);
    return store;
  }

  @AfterEach
  void closeStores() {
    stores.forEach(RedisScanSessionStore::close);
  }

  private ScanSessions useCase(MutableClock clock, InMemoryQrCodeGateway wechat) {
    QrCodeService qrcodes = new QrCodeService(wechat, new InMemoryQrCodeStore(clock), clock);
    return new ScanSessions(qrcodes, instance(clock), clock);
  }

  private static ScanEvent scanOf(ScanSession session, String openId, Clock clock) {
    return new ScanEvent(ScanEvent.Kind.SCAN, openId, "gh_0123456789ab", session.id(), session.code().ticket(),
        clock.instant());
  }

  @Test
  void a_session_is_one_hash_expiring_with_its_code_and_changes_are_published_on_the_accounts_channel() {
    MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    ScanSessions sessions = useCase(clock, new InMemoryQrCodeGateway(clock));
    ScanSession session = sessions.open(Duration.ofMinutes(5));

    String key = "wechatqr:" + appId + ":session:" + session.id();
    assertThat(raw.hgetall(key)).containsEntry("v", "1").containsEntry("state", "WAITING")
        .containsEntry("ticket", session.code().ticket().value()).containsEntry("lifetime", "300");
    assertThat(raw.pttl(key)).isBetween(Duration.ofMinutes(4).toMillis(), Duration.ofMinutes(5).toMillis());
    assertThat(keys.sessionChanges()).isEqualTo("wechatqr:" + appId + ":session-changes");
    // the kit's two instances and this one: each subscribed once, before it handed out a subscription
    assertThat(raw.pubsubNumsub(keys.sessionChanges())).containsEntry(keys.sessionChanges(), 3L);
  }

  @Test
  void a_push_handled_on_one_instance_completes_a_waiter_on_another_and_the_session_is_consumed_once()
      throws Exception {
    MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    InMemoryQrCodeGateway wechat = new InMemoryQrCodeGateway(clock);
    ScanSessions onA = useCase(clock, wechat);
    ScanSessions onB = useCase(clock, wechat);
    ScanSession session = onB.open(Duration.ofMinutes(5));
    CompletableFuture<ScanSession> waiter = onB.awaitAsync(session.id());

    assertThat(onA.accept(scanOf(session, "openid-1", clock))).isEqualTo(ScanOutcome.RECORDED);

    assertThat(waiter.get(10, TimeUnit.SECONDS).scan().openId()).isEqualTo("openid-1");
    assertThat(onA.await(session.id(), Duration.ofSeconds(5)).state()).isEqualTo(ScanSession.State.SCANNED);
    List<String> outcomes = Instances.concurrently(16, i -> () -> {
      try {
        return (i % 2 == 0 ? onA : onB).consume(session.id()).scan().openId();
      } catch (ScanSessionRefused e) {
        return e.reason().name();
      }
    });
    assertThat(outcomes).containsOnlyOnce("openid-1").filteredOn(outcome -> !outcome.equals("openid-1"))
        .hasSize(15).containsOnly("ALREADY_CONSUMED");
    assertThat(onB.accept(scanOf(session, "openid-2", clock))).isEqualTo(ScanOutcome.AFTER_CONSUMPTION);
  }

  @Test
  void a_stored_session_not_as_this_library_writes_it_reads_as_unknown() {
    MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    ScanSessionStore store = instance(clock);
    ScanSessions sessions = new ScanSessions(
        new QrCodeService(new InMemoryQrCodeGateway(clock), new InMemoryQrCodeStore(clock), clock), store, clock);
    ScanSession session = sessions.open(Duration.ofMinutes(5));
    String key = keys.session(session.id());

    raw.del(key);
    raw.set(key, "not a hash");
    assertThat(store.find(session.id())).isEmpty(); // logged by the short id only
    raw.del(key);
    store.create(session);
    raw.hset(key, "lifetime", "many");
    assertThat(store.find(session.id())).isEmpty();
    raw.hset(key, "lifetime", "300");
    raw.hset(key, "v", "9");
    assertThat(store.find(session.id())).isEmpty();
    raw.hset(key, "v", "1");
    raw.hset(key, "state", "SCANNED"); // scanned, but no scan recorded
    assertThat(store.find(session.id())).isEmpty();
    assertThat(store.consume(session.id())).isEqualTo(ScanSessionStore.Transition.unknown());
    raw.hset(key, "state", "WAITING");
    raw.hdel(key, "expires_at");
    assertThat(store.scan(session.id(), ScanSession.Scan.of(scanOf(session, "openid-1", clock))))
        .isEqualTo(ScanSessionStore.Transition.unknown());
    assertThat(store.find("not-a-session-id")).isEmpty();
  }

  @Test
  void stores_over_a_borrowed_connection_have_no_client_for_the_pub_sub_connection() {
    RedisClient client = RedisClient.create(SharedRedis.uri());
    try (var connection = client.connect();
         RedisStores borrowed = RedisStores.using(connection, RedisStoreSettings.defaults())) {
      assertThatThrownBy(() -> borrowed.scanSessionStore(appId, Clock.systemUTC()))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("pub/sub");
    } finally {
      client.shutdown();
    }
    RedisClient owned = RedisClient.create(SharedRedis.uri());
    try (RedisStores fromClient = RedisStores.using(owned, RedisStoreSettings.defaults());
         RedisScanSessionStore store = fromClient.scanSessionStore(appId, Clock.systemUTC())) {
      assertThat(store.toString()).isEqualTo("RedisScanSessionStore[wechatqr:" + appId + "]");
    } finally {
      owned.shutdown();
    }
  }

  @Test
  void a_failing_listener_keeps_no_other_listener_of_the_instance_from_being_told() throws Exception {
    MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    ScanSessionStore a = instance(clock);
    ScanSessionStore b = instance(clock);
    ScanSessions sessions = new ScanSessions(
        new QrCodeService(new InMemoryQrCodeGateway(clock), new InMemoryQrCodeStore(clock), clock), a, clock);
    ScanSession session = sessions.open(Duration.ofMinutes(5));
    CompletableFuture<ScanSession> second = new CompletableFuture<>();
    ScanSessionStore.Subscription failing = b.subscribe(session.id(), changed -> {
      throw new IllegalStateException("a listener's bug");
    });
    ScanSessionStore.Subscription working = b.subscribe(session.id(), second::complete);
    failing.close();
    CompletableFuture<ScanSession> third = new CompletableFuture<>();
    ScanSessionStore.Subscription again = b.subscribe(session.id(), changed -> {
      throw new IllegalStateException("another listener's bug");
    });
    ScanSessionStore.Subscription last = b.subscribe(session.id(), third::complete);

    a.scan(session.id(), ScanSession.Scan.of(scanOf(session, "openid-1", clock)));

    assertThat(second.get(10, TimeUnit.SECONDS).state()).isEqualTo(ScanSession.State.SCANNED);
    assertThat(third.get(10, TimeUnit.SECONDS).state()).isEqualTo(ScanSession.State.SCANNED);
    working.close();
    again.close();
    last.close();
  }

  @Test
  void with_redis_down_the_store_cannot_be_made_and_reads_are_upstream_unavailable() {
    try (EmbeddedRedis own = EmbeddedRedis.start();
         RedisStores redis = RedisStores.connect(own.uri(),
             RedisStoreSettings.defaults().withCommandTimeout(Duration.ofMillis(500)))) {
      RedisScanSessionStore store = redis.scanSessionStore(appId, Clock.systemUTC());
      stores.add(store);
      own.stop();
      assertThatThrownBy(() -> redis.scanSessionStore(appId, Clock.systemUTC()))
          .isInstanceOf(UpstreamUnavailable.class).hasMessageContaining("scan sessions");
      String id = ScanSession.newId(new SecureRandom());
      assertThatThrownBy(() -> store.find(id)).isInstanceOf(UpstreamUnavailable.class)
          .hasMessageContaining(ScanSession.shortId(id)).hasMessageNotContaining(id);
      assertThatThrownBy(() -> store.consume(id)).isInstanceOf(UpstreamUnavailable.class)
          .hasMessageNotContaining(id);
    }
  }
}
