package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wechatqr.domain.Ticket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreateEndpointTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start();
  private WeChatClient client = new WeChatClient(fake);

  @AfterEach
  void stop() {
    fake.close();
  }

  private JsonNode create(String body) throws Exception {
    return client.create(client.token(fake), body);
  }

  private static String scene(String action, String scene) {
    return "{\"action_name\":\"" + action + "\",\"action_info\":{\"scene\":" + scene + "}}";
  }

  @Test
  void a_temporary_code_answers_ticket_lifetime_and_url() throws Exception {
    JsonNode answer = create(WeChatClient.temporaryId(123, 604_800));
    assertThat(answer.get("expire_seconds").asLong()).isEqualTo(604_800);
    assertThat(answer.get("url").asText()).matches("http://weixin\\.qq\\.com/q/[A-Za-z0-9]{22}");
    FakeCode code = fake.code(new Ticket(answer.get("ticket").asText())).orElseThrow();
    assertThat(code.scene()).isEqualTo("123");
    assertThat(code.actionName()).isEqualTo("QR_SCENE");
    assertThat(code.expiresAt()).isEqualTo(Instant.parse("2026-01-08T00:00:00Z"));
    assertThat(TicketCodec.url(code.ticket())).isEqualTo(code.url());
  }

  @Test
  void an_omitted_expire_seconds_gives_the_classic_30_seconds() throws Exception {
    JsonNode answer = create(scene("QR_STR_SCENE", "{\"scene_str\":\"login\"}"));
    assertThat(answer.get("expire_seconds").asLong()).isEqualTo(30);
  }

  @Test
  void a_permanent_code_has_no_expire_seconds_and_the_same_scene_keeps_its_ticket() throws Exception {
    JsonNode first = create(scene("QR_LIMIT_STR_SCENE", "{\"scene_str\":\"shop\"}"));
    JsonNode again = create(scene("QR_LIMIT_STR_SCENE", "{\"scene_str\":\"shop\"}"));
    assertThat(first.has("expire_seconds")).isFalse();
    assertThat(again.get("ticket")).isEqualTo(first.get("ticket"));
    assertThat(fake.permanentCount()).isEqualTo(1);
    clock.advance(Duration.ofDays(3650));
    assertThat(fake.code(new Ticket(first.get("ticket").asText())).orElseThrow().isValidAt(clock.instant()))
        .isTrue();
  }

  @Test
  void the_permanent_quota_answers_45029_and_re_creation_uses_none_of_it() throws Exception {
    fake.close();
    fake = FakeWeChatServer.builder().clock(clock).permanentQuota(2).start();
    client = new WeChatClient(fake);
    assertThat(create(scene("QR_LIMIT_SCENE", "{\"scene_id\":1}")).has("ticket")).isTrue();
    assertThat(create(scene("QR_LIMIT_SCENE", "{\"scene_id\":2}")).has("ticket")).isTrue();
    assertThat(create(scene("QR_LIMIT_SCENE", "{\"scene_id\":1}")).has("ticket")).isTrue();
    JsonNode refused = create(scene("QR_LIMIT_SCENE", "{\"scene_id\":3}"));
    assertThat(refused.get("errcode").asInt()).isEqualTo(45029);
    assertThat(refused.get("errmsg").asText()).isEqualTo("qrcode count out of limit");
    assertThat(create(WeChatClient.temporaryId(3, 60)).has("ticket")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"expire_seconds\":0,\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":1}}}",
      "{\"expire_seconds\":2592001,\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":1}}}",
      "{\"expire_seconds\":1.5,\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":1}}}",
      "{\"expire_seconds\":60,\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":0}}}",
      "{\"expire_seconds\":60,\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":2147483648}}}",
      "{\"action_name\":\"QR_LIMIT_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":100001}}}",
      "{\"action_name\":\"QR_LIMIT_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":-1}}}",
      "{\"action_name\":\"QR_LIMIT_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":\"7\"}}}",
      "{\"action_name\":\"QR_LIMIT_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"\"}}}",
      "{\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":"
          + "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}}}",
      "{\"action_name\":\"QR_NOPE\",\"action_info\":{\"scene\":{\"scene_id\":1}}}"})
  void every_rule_violation_answers_40097(String body) throws Exception {
    assertThat(create(body).get("errcode").asInt()).isEqualTo(40097);
    assertThat(fake.permanentCount()).isZero();
  }

  @Test
  void limits_themselves_are_accepted_and_length_counts_code_points() throws Exception {
    assertThat(create("{\"expire_seconds\":2592000,\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":"
        + "{\"scene_id\":-2147483648}}}").has("ticket")).isTrue();
    assertThat(create(scene("QR_LIMIT_STR_SCENE", "{\"scene_str\":\"" + "\uD83D\uDE00".repeat(64) + "\"}"))
        .has("ticket")).isTrue();
    assertThat(create(scene("QR_LIMIT_SCENE", "{\"scene_id\":100000}")).has("ticket")).isTrue();
  }

  @Test
  void a_missing_scene_answers_40053() throws Exception {
    assertThat(create(scene("QR_SCENE", "{\"scene_str\":\"wrong key\"}")).get("errcode").asInt()).isEqualTo(40053);
    assertThat(create("{\"action_name\":\"QR_LIMIT_STR_SCENE\"}").get("errcode").asInt()).isEqualTo(40053);
  }

  @Test
  void unknown_missing_and_expired_tokens_are_refused() throws Exception {
    assertThat(client.create("not-a-token", WeChatClient.temporaryId(1, 60)).get("errcode").asInt())
        .isEqualTo(40001);
    assertThat(client.postJson(FakeWeChatServer.CREATE, WeChatClient.temporaryId(1, 60)).get("errcode").asInt())
        .isEqualTo(41001);
    String token = client.token(fake);
    clock.advance(Duration.ofHours(3));
    assertThat(client.create(token, WeChatClient.temporaryId(1, 60)).get("errcode").asInt()).isEqualTo(42001);
  }

  @Test
  void malformed_json_answers_47001() throws Exception {
    assertThat(create("{not json").get("errcode").asInt()).isEqualTo(47001);
    assertThat(create("[1,2]").get("errcode").asInt()).isEqualTo(47001);
  }
}
