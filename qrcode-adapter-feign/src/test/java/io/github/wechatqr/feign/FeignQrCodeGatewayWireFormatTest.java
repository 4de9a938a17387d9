package io.github.wechatqr.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.TicketNotFound;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.JournalEntry;
import io.github.wechatqr.testkit.MutableClock;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the gateway puts on the wire, compared as text where the protocol cares. */
class FeignQrCodeGatewayWireFormatTest {
  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start();
  private FeignQrCodeGateway gateway = gateway(TokenMode.CLASSIC);

  private FeignQrCodeGateway gateway(TokenMode mode) {
    return TestGateways.against(fake, clock, new TestGateways.RecordingSleeper(clock)).tokenMode(mode).build();
  }

  @AfterEach
  void close() {
    gateway.close();
    fake.close();
  }

  private String lastCreateBody() {
    List<JournalEntry> creates = fake.journal().entries(FakeWeChatServer.CREATE);
    return creates.get(creates.size() - 1).body();
  }

  @Test
  void the_four_create_bodies_are_sent_byte_for_byte_as_the_spec_writes_them() {
    gateway.issue(QrCodeRequest.temporary(SceneValue.of(123), Duration.ofSeconds(604_800)));
    assertThat(lastCreateBody()).isEqualTo(
        "{\"expire_seconds\":604800,\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":123}}}");
    gateway.issue(QrCodeRequest.temporary(SceneValue.of("test"), Duration.ofSeconds(60)));
    assertThat(lastCreateBody()).isEqualTo(
        "{\"expire_seconds\":60,\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"test\"}}}");
    gateway.issue(QrCodeRequest.permanent(SceneValue.of(100_000)));
    assertThat(lastCreateBody()).isEqualTo(
        "{\"action_name\":\"QR_LIMIT_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":100000}}}");
    gateway.issue(QrCodeRequest.permanent(SceneValue.of("门店-17")));
    assertThat(lastCreateBody()).isEqualTo(
        "{\"action_name\":\"QR_LIMIT_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"门店-17\"}}}");
  }

  @Test
  void a_negative_temporary_scene_id_is_sent_as_a_plain_json_number() {
    gateway.issue(QrCodeRequest.temporary(SceneValue.of(Integer.MIN_VALUE), Duration.ofSeconds(30)));
    assertThat(lastCreateBody()).isEqualTo("{\"expire_seconds\":30,\"action_name\":\"QR_SCENE\","
        + "\"action_info\":{\"scene\":{\"scene_id\":-2147483648}}}");
  }

  @Test
  void create_carries_the_access_token_as_its_only_query_parameter() {
    gateway.issue(QrCodeRequest.temporary(SceneValue.of(1), Duration.ofSeconds(60)));
    JournalEntry create = fake.journal().entries(FakeWeChatServer.CREATE).get(0);
    assertThat(create.method()).isEqualTo("POST");
    assertThat(create.query()).containsOnlyKeys("access_token");
    assertThat(create.rawQuery()).isEqualTo("access_token=" + create.query().get("access_token"));
  }

  @Test
  void the_classic_token_call_sends_grant_type_appid_and_secret_in_the_query() {
    gateway.issue(QrCodeRequest.temporary(SceneValue.of(1), Duration.ofSeconds(60)));
    JournalEntry token = fake.journal().entries(FakeWeChatServer.TOKEN).get(0);
    assertThat(token.method()).isEqualTo("GET");
    assertThat(token.rawQuery()).isEqualTo("grant_type=client_credential&appid=" + fake.appId()
        + "&secret=" + URLEncoder.encode(fake.secret(), StandardCharsets.UTF_8));
    assertThat(token.body()).isEmpty();
  }

  @Test
  void the_stable_token_call_posts_the_spec_body_and_no_query() {
    gateway.close();
    gateway = gateway(TokenMode.STABLE);
    gateway.issue(QrCodeRequest.temporary(SceneValue.of(1), Duration.ofSeconds(60)));
    JournalEntry token = fake.journal().entries(FakeWeChatServer.STABLE_TOKEN).get(0);
    assertThat(token.method()).isEqualTo("POST");
    assertThat(token.rawQuery()).isEmpty();
    assertThat(token.body()).isEqualTo("{\"grant_type\":\"client_credential\",\"appid\":\"" + fake.appId()
        + "\",\"secret\":\"" + fake.secret() + "\",\"force_refresh\":false}");
    assertThat(fake.journal().count(FakeWeChatServer.TOKEN)).isZero();
  }

  @Test
  void a_ticket_with_plus_slash_and_equals_is_encoded_once_on_the_wire_and_in_the_image_url() {
    Ticket ticket = gateway.issue(QrCodeRequest.permanent(SceneValue.of("plus"))).ticket();
    assertThat(ticket.value()).contains("+", "/", "=");
    gateway.download(ticket);
    JournalEntry show = fake.journal().entries(FakeWeChatServer.SHOW_QRCODE).get(0);
    String encoded = ticket.value().replace("+", "%2B").replace("/", "%2F").replace("=", "%3D");
    assertThat(show.rawQuery()).isEqualTo("ticket=" + encoded);
    assertThat(show.query()).containsOnlyKeys("ticket").containsEntry("ticket", ticket.value());
    assertThat(gateway.imageUrl(ticket)).isEqualTo(fake.baseUri() + "/cgi-bin/showqrcode?ticket=" + encoded);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "gQH+ab/c==      | gQH%2Bab%2Fc%3D%3D",
      "a b             | a%20b",
      "100%41          | 100%2541",
      "%2B             | %252B",
      "x*~y            | x%2A~y"})
  void any_ticket_text_is_sent_exactly_as_image_url_writes_it(String value, String expected) {
    Ticket ticket = new Ticket(value);
    assertThatThrownBy(() -> gateway.download(ticket)).isInstanceOf(TicketNotFound.class);
    JournalEntry show = fake.journal().entries(FakeWeChatServer.SHOW_QRCODE).get(0);
    assertThat(show.rawQuery()).isEqualTo("ticket=" + expected);
    assertThat(show.query()).containsEntry("ticket", value);
    assertThat(URI.create(gateway.imageUrl(ticket)).getRawQuery()).isEqualTo(show.rawQuery());
  }

  @Test
  void showqrcode_never_carries_an_access_token_even_after_one_was_fetched() {
    Ticket ticket = gateway.issue(QrCodeRequest.temporary(SceneValue.of(5), Duration.ofSeconds(60))).ticket();
    gateway.download(ticket);
    JournalEntry show = fake.journal().entries(FakeWeChatServer.SHOW_QRCODE).get(0);
    assertThat(show.query()).containsOnlyKeys("ticket");
    assertThat(gateway.imageUrl(ticket)).doesNotContain("access_token");
  }
}
