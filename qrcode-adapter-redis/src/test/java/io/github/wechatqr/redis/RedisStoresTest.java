package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.UpstreamUnavailable;
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
    AccessToken token = SharedRedis.stores().accessTokenStore(appId, clock, Duration.ofMinutes(1))
        .get(() -> new AccessToken("t1", clock.instant().plus(Duration.ofHours(2))));

    assertThat(other.qrCodeStore(appId, clock).findByTicket(code.ticket())).isEmpty();
    assertThat(SharedRedis.stores().qrCodeStore(appId + "b", clock).findByTicket(code.ticket())).isEmpty();
    assertThat(other.accessTokenStore(appId, clock, Duration.ofMinutes(1))
        .get(() -> new AccessToken("t2", clock.instant().plus(Duration.ofHours(2))))).isNotEqualTo(token);
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
