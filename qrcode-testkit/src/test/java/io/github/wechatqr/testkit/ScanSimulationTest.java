package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.IssuedTicket;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.TicketNotFound;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScanSimulationTest {
  private static final String TOKEN = "CallbackToken1";
  private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start();
  private final WeChatClient client = new WeChatClient(fake);
  private final CallbackRecorder callback = new CallbackRecorder();

  @AfterEach
  void stop() {
    callback.close();
    fake.close();
  }

  private Ticket issue(String body) throws Exception {
    return new Ticket(client.create(client.token(fake), body).get("ticket").asText());
  }

  private Ticket strCode(String scene) throws Exception {
    return issue("{\"action_name\":\"QR_LIMIT_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\""
        + scene + "\"}}}");
  }

  /** An independent decryption, written from the protocol description, to check the fake's encryption. */
  private static String decrypt(String encrypt, String expectedAppId) throws Exception {
    byte[] key = Base64.getDecoder().decode(AES_KEY + "=");
    Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
    byte[] plain = cipher.doFinal(Base64.getDecoder().decode(encrypt));
    int pad = plain[plain.length - 1];
    assertThat(pad).isBetween(1, 32);
    int length = ByteBuffer.wrap(plain, 16, 4).getInt();
    String appId = new String(plain, 20 + length, plain.length - pad - 20 - length, StandardCharsets.UTF_8);
    assertThat(appId).isEqualTo(expectedAppId);
    return new String(plain, 20, length, StandardCharsets.UTF_8);
  }

  @Test
  void the_first_scan_is_a_subscribe_with_qrscene_prefix_and_later_ones_are_scan() throws Exception {
    fake.callback(Callback.plain(callback.url(), TOKEN));
    Ticket ticket = issue(WeChatClient.temporaryId(123, 600));
    PushResult first = fake.scan(ticket, "openid-a");
    PushResult second = fake.scan(ticket, "openid-a");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body()).isEqualTo("success");
    var subscribe = callback.received.get(0);
    assertThat(subscribe.field("Event")).isEqualTo("subscribe");
    assertThat(subscribe.field("EventKey")).isEqualTo("qrscene_123");
    assertThat(subscribe.field("Ticket")).isEqualTo(ticket.value());
    assertThat(subscribe.field("FromUserName")).isEqualTo("openid-a");
    assertThat(subscribe.field("ToUserName")).startsWith("gh_");
    assertThat(subscribe.field("MsgType")).isEqualTo("event");
    assertThat(subscribe.field("CreateTime")).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
    var scan = callback.received.get(1);
    assertThat(scan.field("Event")).isEqualTo("SCAN");
    assertThat(scan.field("EventKey")).isEqualTo("123");
    assertThat(second.push().plainXml()).contains("<Event><![CDATA[SCAN]]></Event>");
  }

  @Test
  void codes_issued_through_the_servers_own_gateway_are_the_servers_and_scan_without_any_http_call() {
    fake.callback(Callback.plain(callback.url(), TOKEN));
    InMemoryQrCodeGateway gateway = fake.gateway();
    IssuedTicket issued = gateway.issue(QrCodeRequest.temporary(SceneValue.of("login-7"), Duration.ofMinutes(5)));

    assertThat(fake.code(issued.ticket())).hasValueSatisfying(code -> assertThat(code.permanent()).isFalse());
    assertThat(gateway.download(issued.ticket()).bytes()).isNotEmpty();
    assertThat(fake.scan(issued.ticket(), "openid-g").status()).isEqualTo(200);
    assertThat(callback.received.get(0).field("EventKey")).isEqualTo("qrscene_login-7");
    assertThat(fake.journal().entries()).as("nothing went over HTTP to the fake").isEmpty();
  }

  @Test
  void a_plain_push_is_signed_over_token_timestamp_and_nonce() throws Exception {
    fake.callback(Callback.plain(callback.url(), TOKEN));
    fake.scan(strCode("s"), "u");
    var query = callback.received.get(0).query();
    assertThat(query).containsKeys("signature", "timestamp", "nonce", "openid").doesNotContainKey("encrypt_type");
    assertThat(query.get("signature"))
        .isEqualTo(PushCrypto.signature(TOKEN, query.get("timestamp"), query.get("nonce")));
  }

  @Test
  void a_safe_mode_push_carries_only_the_ciphertext_signed_with_msg_signature() throws Exception {
    fake.callback(Callback.safe(callback.url(), TOKEN, AES_KEY));
    Ticket ticket = strCode("门店\uD83D\uDE00");
    fake.scan(ticket, "u");
    var push = callback.received.get(0);
    assertThat(push.field("Event")).isNull();
    String encrypt = push.field("Encrypt");
    assertThat(push.query()).containsEntry("encrypt_type", "aes");
    assertThat(push.query().get("msg_signature")).isEqualTo(
        PushCrypto.signature(TOKEN, push.query().get("timestamp"), push.query().get("nonce"), encrypt));
    String xml = decrypt(encrypt, fake.appId());
    assertThat(xml).contains("<EventKey><![CDATA[qrscene_门店\uD83D\uDE00]]></EventKey>")
        .contains("<Ticket><![CDATA[" + ticket.value() + "]]></Ticket>");
  }

  @Test
  void a_compatible_mode_push_carries_both_plain_fields_and_ciphertext() throws Exception {
    fake.callback(Callback.compatible(callback.url(), TOKEN, AES_KEY));
    fake.scan(strCode("c"), "u");
    var push = callback.received.get(0);
    assertThat(push.field("Event")).isEqualTo("subscribe");
    assertThat(decrypt(push.field("Encrypt"), fake.appId())).contains("qrscene_c");
  }

  @Test
  void a_scene_containing_the_cdata_terminator_arrives_intact() throws Exception {
    fake.callback(Callback.plain(callback.url(), TOKEN));
    fake.scan(strCode("a]]>b"), "u");
    assertThat(callback.received.get(0).field("EventKey")).isEqualTo("qrscene_a]]>b");
  }

  @Test
  void after_unfollowing_the_next_scan_is_a_subscribe_again() throws Exception {
    fake.callback(Callback.plain(callback.url(), TOKEN));
    Ticket ticket = strCode("x");
    fake.scan(ticket, "u");
    fake.unfollow("u");
    fake.scan(ticket, "u");
    assertThat(callback.received).extracting(r -> r.field("Event")).containsExactly("subscribe", "subscribe");
  }

  @Test
  void a_redelivered_push_is_identical() throws Exception {
    fake.callback(Callback.safe(callback.url(), TOKEN, AES_KEY));
    Push push = fake.push(strCode("x"), "u");
    fake.deliver(push);
    fake.deliver(push);
    assertThat(callback.received).hasSize(2);
    assertThat(callback.received.get(1)).isEqualTo(callback.received.get(0));
  }

  @Test
  void wechat_pushes_nothing_for_unknown_or_expired_tickets_or_without_a_callback() throws Exception {
    Ticket ticket = issue(WeChatClient.temporaryId(1, 60));
    assertThatThrownBy(() -> fake.scan(ticket, "u")).isInstanceOf(IllegalStateException.class);
    fake.callback(Callback.plain(callback.url(), TOKEN));
    assertThatThrownBy(() -> fake.scan(new Ticket("unknown"), "u")).isInstanceOf(TicketNotFound.class)
        .hasMessageContaining("never issued it");
    clock.advance(Duration.ofSeconds(60));
    assertThatThrownBy(() -> fake.scan(ticket, "u")).isInstanceOf(TicketNotFound.class)
        .hasMessageContaining("expired at 2026-01-01T00:01:00Z");
    assertThatThrownBy(() -> fake.push(ticket, "u", true)).isInstanceOf(TicketNotFound.class);
    assertThat(callback.received).isEmpty();
  }

  @Test
  void a_push_built_for_a_follower_or_not_carries_its_decoded_query_for_delivery_without_http() throws Exception {
    fake.callback(Callback.safe(callback.url(), TOKEN, AES_KEY));
    Ticket ticket = strCode("p");
    Push scan = fake.push(ticket, "u", true);
    assertThat(scan.plainXml()).contains("<Event><![CDATA[SCAN]]></Event>", "<EventKey><![CDATA[p]]></EventKey>");
    Push subscribe = fake.push(ticket, "u", false);
    assertThat(subscribe.plainXml()).contains("<EventKey><![CDATA[qrscene_p]]></EventKey>");
    assertThat(new String(subscribe.bodyBytes(), StandardCharsets.UTF_8)).isEqualTo(subscribe.body());
    fake.deliver(subscribe);
    assertThat(callback.received.get(0).query()).isEqualTo(subscribe.query());
    assertThat(fake.push(ticket, "u").plainXml()).as("the user follows from then on").contains("SCAN");
  }

  @Test
  void a_callback_needs_its_key_in_encrypted_modes_and_hides_secrets() {
    assertThatThrownBy(() -> new Callback(callback.url(), TOKEN, Callback.Mode.SAFE, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Callback.safe(callback.url(), TOKEN, AES_KEY).toString()).doesNotContain(TOKEN, AES_KEY);
  }
}
