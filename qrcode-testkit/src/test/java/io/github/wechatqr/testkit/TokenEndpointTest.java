package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenEndpointTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start();
  private WeChatClient client = new WeChatClient(fake);

  @AfterEach
  void stop() {
    fake.close();
  }

  private String stable(boolean force) throws Exception {
    return client.postJson(FakeWeChatServer.STABLE_TOKEN, "{\"grant_type\":\"client_credential\",\"appid\":\""
        + fake.appId() + "\",\"secret\":\"" + fake.secret() + "\",\"force_refresh\":" + force + "}")
        .get("access_token").asText();
  }

  private int createWith(String token) throws Exception {
    return client.create(token, WeChatClient.temporaryId(1, 60)).path("errcode").asInt(0);
  }

  @Test
  void a_token_is_valid_for_7200_seconds_of_the_fake_clock() throws Exception {
    JsonNode answer = client.getJson(FakeWeChatServer.TOKEN + "?grant_type=client_credential&appid="
        + fake.appId() + "&secret=" + fake.secret());
    assertThat(answer.get("expires_in").asInt()).isEqualTo(7200);
    String token = answer.get("access_token").asText();
    clock.advance(Duration.ofSeconds(7199));
    assertThat(createWith(token)).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(createWith(token)).isEqualTo(42001);
  }

  @Test
  void a_new_token_retires_the_previous_one_after_the_overlap() throws Exception {
    String first = client.token(fake);
    String second = client.token(fake);
    assertThat(second).isNotEqualTo(first);
    clock.advance(Duration.ofMinutes(5).minusSeconds(1));
    assertThat(createWith(first)).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(createWith(first)).isEqualTo(40001);
    assertThat(createWith(second)).isZero();
  }

  @Test
  void with_no_overlap_a_new_token_retires_the_previous_one_at_once() throws Exception {
    fake.close();
    fake = FakeWeChatServer.builder().clock(clock).tokenOverlap(Duration.ZERO).start();
    client = new WeChatClient(fake);
    String first = client.token(fake);
    client.token(fake);
    assertThat(createWith(first)).isEqualTo(40001);
  }

  @Test
  void the_stable_token_stays_the_same_until_its_last_five_minutes() throws Exception {
    String first = stable(false);
    clock.advance(Duration.ofMinutes(30));
    assertThat(stable(false)).isEqualTo(first);
    JsonNode again = client.postJson(FakeWeChatServer.STABLE_TOKEN, "{\"grant_type\":\"client_credential\","
        + "\"appid\":\"" + fake.appId() + "\",\"secret\":\"" + fake.secret() + "\"}");
    assertThat(again.get("expires_in").asInt()).isEqualTo(7200 - 1800);
    clock.advance(Duration.ofMinutes(85).minusSeconds(1));
    assertThat(stable(false)).isEqualTo(first);
    clock.advance(Duration.ofSeconds(1));
    String renewed = stable(false);
    assertThat(renewed).isNotEqualTo(first);
    assertThat(createWith(first)).as("the old token stays valid until it expires").isZero();
    assertThat(createWith(renewed)).isZero();
  }

  @Test
  void a_forced_stable_token_retires_the_previous_one_at_once() throws Exception {
    String first = stable(false);
    String forced = stable(true);
    assertThat(forced).isNotEqualTo(first);
    assertThat(createWith(first)).isEqualTo(40001);
    assertThat(createWith(forced)).isZero();
    assertThat(stable(false)).isEqualTo(forced);
  }

  @Test
  void the_classic_and_the_stable_token_do_not_retire_each_other() throws Exception {
    String classic = client.token(fake);
    String stable = stable(false);
    clock.advance(Duration.ofMinutes(10));
    assertThat(createWith(classic)).isZero();
    assertThat(createWith(stable)).isZero();
  }

  @Test
  void a_wrong_appid_is_40013_and_a_wrong_secret_40125() throws Exception {
    assertThat(client.getJson(FakeWeChatServer.TOKEN + "?grant_type=client_credential&appid=wxnope&secret=x")
        .get("errcode").asInt()).isEqualTo(40013);
    assertThat(client.getJson(FakeWeChatServer.TOKEN + "?grant_type=client_credential&appid=" + fake.appId()
        + "&secret=wrong").get("errcode").asInt()).isEqualTo(40125);
    assertThat(client.postJson(FakeWeChatServer.STABLE_TOKEN, "{\"grant_type\":\"client_credential\","
        + "\"appid\":\"" + fake.appId() + "\",\"secret\":\"wrong\"}").get("errcode").asInt()).isEqualTo(40125);
    assertThat(client.getJson(FakeWeChatServer.TOKEN + "?grant_type=password&appid=" + fake.appId()
        + "&secret=" + fake.secret()).get("errcode").asInt()).isEqualTo(40002);
  }

  @Test
  void several_accounts_each_have_their_own_credentials() throws Exception {
    fake.close();
    fake = FakeWeChatServer.builder().clock(clock).account("wxone", "s1").account("wxtwo", "s2").start();
    client = new WeChatClient(fake);
    assertThat(client.getJson(FakeWeChatServer.TOKEN + "?grant_type=client_credential&appid=wxtwo&secret=s2")
        .has("access_token")).isTrue();
    assertThat(client.getJson(FakeWeChatServer.TOKEN + "?grant_type=client_credential&appid=wxtwo&secret=s1")
        .get("errcode").asInt()).isEqualTo(40125);
    assertThat(fake.appId()).isEqualTo("wxone");
  }

  @Test
  void stable_token_needs_post_and_json() throws Exception {
    assertThat(client.getJson(FakeWeChatServer.STABLE_TOKEN).get("errcode").asInt()).isEqualTo(43002);
    assertThat(client.postJson(FakeWeChatServer.STABLE_TOKEN, "{oops").get("errcode").asInt()).isEqualTo(47001);
  }
}
