package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.TokenKeeper;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.testkit.MutableClock;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedRedis.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RedisStoresTest {
  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final String appId = SharedRedis.freshAppId();

  private QrCode code() {
    Instant now = clock.instant();
    return new QrCode(QrCodeRequest.temporary(SceneValue.of(1), Duration.ofHours(1)), new Ticket("gQH=="),
        "http://weixin.qq.com/q/1", now, now.plus(Duration.ofHours(1)));
  }

  @Test
  void stores_from_a_uri_a_client_and_a_connection_share_the_same_entries() {
    RedisClient client = RedisClient.create(SharedRedis.uri());
    try (RedisStores fromUri = RedisStores.connect(SharedRedis.uri());
        RedisStores fromClient = RedisStores.using(client, RedisStoreSettings.defaults());
        StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisStores fromConnection = RedisStores.using(connection, RedisStoreSettings.defaults());
      QrCode code = code();
      fromUri.qrCodeStore(appId, clock).save(code);

      assertThat(fromClient.qrCodeStore(appId, clock).findByTicket(code.ticket())).contains(code);
      assertThat(fromConnection.qrCodeStore(appId, clock).findByRequest(code.request())).contains(code);
      assertThat(fromClient.connection().getTimeout()).isEqualTo(Duration.ofSeconds(2));
    } finally {
      client.shutdown();
    }
  }

  @Test
  void closing_stores_over_a_borrowed_connection_leaves_it_open() {
    RedisClient client = RedisClient.create(SharedRedis.uri());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisStores.using(connection, RedisStoreSettings.defaults()).close();
      assertThat(connection.isOpen()).isTrue();
      RedisStores fromClient = RedisStores.using(client, RedisStoreSettings.defaults());
      fromClient.close();
      assertThat(fromClient.connection().isOpen()).isFalse();
      assertThat(connection.sync().ping()).isEqualTo("PONG");
    } finally {
      client.shutdown();
    }
  }

  @Test
  void two_prefixes_and_two_accounts_never_see_each_others_entries() {
    RedisStores other = RedisStores.using(SharedRedis.stores().connection(),
        RedisStoreSettings.defaults().withKeyPrefix("another-app"));
    QrCode code = code();
    SharedRedis.stores().qrCodeStore(appId, clock).save(code);
    AccessToken token = SharedRedis.stores().tokenStore(appId, clock, TokenPolicy.defaults())
        .create(reason -> new AccessToken("t1", clock.instant().plus(Duration.ofHours(2)))).get();

    assertThat(other.qrCodeStore(appId, clock).findByTicket(code.ticket())).isEmpty();
    assertThat(SharedRedis.stores().qrCodeStore(appId + "b", clock).findByTicket(code.ticket())).isEmpty();
    assertThat(other.tokenStore(appId, clock, TokenPolicy.defaults())
        .create(reason -> new AccessToken("t2", clock.instant().plus(Duration.ofHours(2)))).get()).isNotEqualTo(token);
  }

  @Test
  void the_token_store_factory_checks_its_arguments_at_once_and_makes_redis_stores() {
    RedisStores redis = SharedRedis.stores();
    TokenPolicy policy = TokenPolicy.defaults();
    assertThatThrownBy(() -> redis.tokenStore("not an appid", clock, policy))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appId");
    assertThatThrownBy(() -> redis.tokenStore(appId, null, policy)).hasMessageContaining("clock");
    assertThatThrownBy(() -> redis.tokenStore(appId, clock, null)).hasMessageContaining("policy");
    assertThatThrownBy(() -> redis.tokenStore(appId, clock, policy, null)).hasMessageContaining("refreshes");
    AccessTokenStore.Factory factory = redis.tokenStore(appId, clock, policy);
    assertThatThrownBy(() -> factory.create(null)).hasMessageContaining("fetcher");

    AccessTokenStore store = factory.create(reason -> new AccessToken("t1", clock.instant().plus(Duration.ofHours(2))));
    assertThat(store).isInstanceOf(RedisAccessTokenStore.class)
        .hasToString("RedisAccessTokenStore[key=wechatqr:" + appId + ":token, policy=" + policy + "]");
    assertThat(((RedisAccessTokenStore) store).policy()).isEqualTo(policy);
    assertThat(store.get().value()).isEqualTo("t1");
    AccessTokenStore sameAccount = redis.tokenStore(appId, clock, policy, TokenKeeper.NEW_THREAD_PER_REFRESH)
        .create(reason -> {
          throw new AssertionError("the account's token is in Redis already");
        });
    assertThat(sameAccount.get().value()).isEqualTo("t1");
  }

  @Test
  void an_unreachable_redis_is_upstream_unavailable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String uri = "redis://127.0.0.1:" + port;
    assertThatThrownBy(() -> RedisStores.connect(uri))
        .isInstanceOf(UpstreamUnavailable.class)
        .hasMessageStartingWith("Cannot connect to Redis at 127.0.0.1:" + port);
    RedisClient client = RedisClient.create(uri);
    try {
      assertThatThrownBy(() -> RedisStores.using(client, RedisStoreSettings.defaults()))
          .isInstanceOf(UpstreamUnavailable.class);
    } finally {
      client.shutdown();
    }
  }

  @Test
  void a_malformed_uri_is_refused_without_quoting_it() {
    assertThatThrownBy(() -> RedisStores.connect("http://:pa55word@host:6379"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("pa55word");
  }
}
