package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wechatqr.domain.CredentialsRejected;
import io.github.wechatqr.domain.IssuedTicket;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.QuotaExceeded;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.TicketNotFound;
import io.github.wechatqr.domain.port.QrCodeGateway;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link QrCodeGateway} keeps, proven against a {@link FakeWeChatServer} started for each
 * test. Subclass it with the factory and nothing else:
 *
 * <pre>{@code
 * class MyGatewayTest extends QrCodeGatewayContract {
 *   protected QrCodeGateway createGateway(GatewaySetup setup) {
 *     return MyGateway.builder().apiBase(setup.apiBase()).mpBase(setup.mpBase())
 *         .appId(setup.appId()).secret(setup.secret()).clock(setup.clock()).build();
 *   }
 * }
 * }</pre>
 * A gateway that is {@link AutoCloseable} is closed after each test.
 */
public abstract class QrCodeGatewayContract {
  private static final Duration WEEK = Duration.ofDays(7);

  /** The clock shared by the fake server and the gateway. */
  protected final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  /** The fake server of the current test. */
  protected FakeWeChatServer fake;
  private QrCodeGateway gateway;

  /**
   * Creates the gateway under test, pointed at the fake server.
   *
   * @param setup addresses, credentials and clock of the fake server
   * @return the gateway under test
   */
  protected abstract QrCodeGateway createGateway(GatewaySetup setup);

  @BeforeEach
  void startFake() {
    fake = FakeWeChatServer.builder().clock(clock).start();
    gateway = createGateway(setup(fake.secret()));
  }

  @AfterEach
  void stopFake() throws Exception {
    if (gateway instanceof AutoCloseable closeable) {
      closeable.close();
    }
    fake.close();
  }

  private GatewaySetup setup(String secret) {
    return new GatewaySetup(fake.baseUri(), fake.baseUri(), fake.appId(), secret, clock);
  }

  private JsonNode lastCreateBody() throws Exception {
    List<JournalEntry> creates = fake.journal().entries(FakeWeChatServer.CREATE);
    return Json.MAPPER.readTree(creates.get(creates.size() - 1).body());
  }

  private static JsonNode json(String text) throws Exception {
    return Json.MAPPER.readTree(text);
  }

  @Test
  void a_temporary_id_code_is_created_with_its_lifetime_sent_explicitly() throws Exception {
    IssuedTicket issued = gateway.issue(QrCodeRequest.temporary(SceneValue.of(123), WEEK));
    assertThat(lastCreateBody()).isEqualTo(json(
        "{\"expire_seconds\":604800,\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":123}}}"));
    FakeCode created = fake.code(issued.ticket()).orElseThrow();
    assertThat(issued.url()).isEqualTo(created.url());
    assertThat(issued.expiresIn()).isEqualTo(WEEK);
  }

  @Test
  void a_temporary_string_code_is_created() throws Exception {
    IssuedTicket issued = gateway.issue(QrCodeRequest.temporary(SceneValue.of("test"), Duration.ofSeconds(60)));
    assertThat(lastCreateBody()).isEqualTo(json(
        "{\"expire_seconds\":60,\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"test\"}}}"));
    assertThat(fake.code(issued.ticket()).orElseThrow().scene()).isEqualTo("test");
    assertThat(issued.expiresIn()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void a_permanent_id_code_is_created_without_expire_seconds() throws Exception {
    IssuedTicket issued = gateway.issue(QrCodeRequest.permanent(SceneValue.of(100_000)));
    assertThat(lastCreateBody()).isEqualTo(json(
        "{\"action_name\":\"QR_LIMIT_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":100000}}}"));
    assertThat(fake.code(issued.ticket()).orElseThrow().permanent()).isTrue();
    assertThat(issued.expiresIn()).isNull();
  }

  @Test
  void a_permanent_string_code_with_unicode_is_created_without_expire_seconds() throws Exception {
    String scene = "门店-\uD83D\uDE00-qrscene_x";
    IssuedTicket issued = gateway.issue(QrCodeRequest.permanent(SceneValue.of(scene)));
    assertThat(lastCreateBody()).isEqualTo(Json.MAPPER.createObjectNode()
        .put("action_name", "QR_LIMIT_STR_SCENE")
        .set("action_info", Json.MAPPER.createObjectNode().set("scene",
            Json.MAPPER.createObjectNode().put("scene_str", scene))));
    assertThat(fake.code(issued.ticket()).orElseThrow().scene()).isEqualTo(scene);
  }

  @Test
  void the_image_decodes_to_the_content_url() {
    IssuedTicket issued = gateway.issue(QrCodeRequest.temporary(SceneValue.of(1), WEEK));
    QrImage image = gateway.download(issued.ticket());
    assertThat(QrImages.decode(image.bytes())).isEqualTo(issued.url());
    assertThat(image.contentType()).startsWith("image/");
    assertThat(image.maxAge()).isEqualTo(Duration.ofSeconds(604_800));
  }

  @Test
  void a_ticket_with_plus_slash_and_equals_is_url_encoded_once_and_sent_without_a_token() {
    IssuedTicket issued = gateway.issue(QrCodeRequest.permanent(SceneValue.of("plus")));
    assertThat(issued.ticket().value()).contains("+", "/", "=");
    gateway.download(issued.ticket());
    JournalEntry show = fake.journal().entries(FakeWeChatServer.SHOW_QRCODE).get(0);
    assertThat(show.rawQuery()).isEqualTo("ticket=" + issued.ticket().urlEncoded());
    assertThat(show.query()).containsOnlyKeys("ticket");
  }

  @Test
  void an_unknown_ticket_has_no_image() {
    assertThatThrownBy(() -> gateway.download(new Ticket("gQH+never/issued==")))
        .isInstanceOf(TicketNotFound.class);
  }

  @Test
  void an_expired_ticket_has_no_image() {
    IssuedTicket issued = gateway.issue(QrCodeRequest.temporary(SceneValue.of(1), Duration.ofSeconds(60)));
    clock.advance(Duration.ofSeconds(60));
    assertThatThrownBy(() -> gateway.download(issued.ticket())).isInstanceOf(TicketNotFound.class);
  }

  @Test
  void a_one_off_40001_is_survived_by_exactly_one_token_refresh() {
    gateway.issue(QrCodeRequest.temporary(SceneValue.of(1), WEEK));
    assertThat(fake.journal().tokenFetches()).isEqualTo(1);
    fake.failNext(FakeWeChatServer.CREATE, 40001, 1);
    IssuedTicket issued = gateway.issue(QrCodeRequest.temporary(SceneValue.of(2), WEEK));
    assertThat(fake.code(issued.ticket())).isPresent();
    assertThat(fake.journal().tokenFetches()).isEqualTo(2);
    assertThat(fake.journal().count(FakeWeChatServer.CREATE)).isEqualTo(3);
  }

  @Test
  void a_token_is_refreshed_before_it_expires_so_wechat_never_sees_an_expired_one() {
    gateway.issue(QrCodeRequest.temporary(SceneValue.of(1), WEEK));
    clock.advance(Duration.ofSeconds(7200 - 1));
    gateway.issue(QrCodeRequest.temporary(SceneValue.of(2), WEEK));
    assertThat(fake.journal().tokenFetches()).isEqualTo(2);
    assertThat(fake.journal().entries()).allSatisfy(entry -> assertThat(entry.errcode()).isNull());
  }

  @Test
  void a_daily_quota_error_is_raised_without_retrying() {
    fake.failNext(FakeWeChatServer.CREATE, 45009, 1);
    assertThatThrownBy(() -> gateway.issue(QrCodeRequest.temporary(SceneValue.of(1), WEEK)))
        .isInstanceOfSatisfying(QuotaExceeded.class, e -> assertThat(e.errcode()).isEqualTo(45009));
    assertThat(fake.journal().count(FakeWeChatServer.CREATE)).isEqualTo(1);
  }

  @Test
  void system_busy_twice_then_success_is_retried() {
    fake.failNext(FakeWeChatServer.CREATE, -1, 2);
    IssuedTicket issued = gateway.issue(QrCodeRequest.temporary(SceneValue.of(1), WEEK));
    assertThat(fake.code(issued.ticket())).isPresent();
    assertThat(fake.journal().count(FakeWeChatServer.CREATE)).isEqualTo(3);
  }

  @Test
  void a_wrong_secret_is_a_clear_credentials_error_that_is_not_retried() throws Exception {
    if (gateway instanceof AutoCloseable closeable) {
      closeable.close();
    }
    String wrongSecret = "wrong-secret-value-0123456789";
    gateway = createGateway(setup(wrongSecret));
    assertThatThrownBy(() -> gateway.issue(QrCodeRequest.temporary(SceneValue.of(1), WEEK)))
        .isInstanceOfSatisfying(CredentialsRejected.class, e -> assertThat(e.errcode()).isEqualTo(40125))
        .message().doesNotContain(wrongSecret);
    assertThat(fake.journal().tokenFetches()).isEqualTo(1);
    assertThat(fake.journal().count(FakeWeChatServer.CREATE)).isZero();
  }
}
