package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.InvalidCallback;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PushInspectorTest {
  private static final String SCAN = "<xml><ToUserName><![CDATA[gh_a]]></ToUserName><FromUserName><![CDATA[o1]]>"
      + "</FromUserName><CreateTime>1767225600</CreateTime><MsgType><![CDATA[event]]></MsgType><Event>"
      + "<![CDATA[subscribe]]></Event><EventKey><![CDATA[qrscene_123]]></EventKey><Ticket><![CDATA[gQ+/=]]>"
      + "</Ticket></xml>";
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");

  @Test
  void a_plain_push_is_read_without_any_signature() {
    PushInspector.Inspected push = PushInspector.read(SCAN.getBytes(StandardCharsets.UTF_8), null, null);
    ScanEvent scan = push.scan().orElseThrow();
    assertThat(scan.kind()).isEqualTo(ScanEvent.Kind.SUBSCRIBE);
    assertThat(scan.sceneKey()).isEqualTo("123");
    assertThat(push.message().openId()).isEqualTo("o1");
  }

  @Test
  void a_safe_mode_push_is_decrypted_and_its_appid_checked() {
    byte[] envelope = SignedRequest.safe(clock, SCAN).body();
    assertThat(PushInspector.read(envelope, SignedRequest.AES_KEY, SignedRequest.APP_ID).scan()).isPresent();
    assertThatThrownBy(() -> PushInspector.read(envelope, SignedRequest.AES_KEY, "wxsomeoneelse"))
        .isInstanceOf(InvalidCallback.class).hasMessage("the ciphertext was made for another appid");
  }

  @Test
  void the_published_official_account_sample_reads_as_a_text_message() {
    PublishedVectors.Sample a = PublishedVectors.A;
    byte[] envelope = ("<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA["
        + a.encrypt() + "]]></Encrypt></xml>").getBytes(StandardCharsets.UTF_8);
    PushInspector.Inspected push = PushInspector.read(envelope, a.encodingAesKey(), a.appId());
    assertThat(push.message().msgType()).isEqualTo("text");
    assertThat(push.scan()).isEmpty();
  }

  @Test
  void hostile_or_broken_input_is_refused_like_the_handler_refuses_it() {
    assertThatThrownBy(() -> PushInspector.read(
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml>&e;</xml>".getBytes(StandardCharsets.UTF_8),
        null, null)).isInstanceOf(InvalidCallback.class);
    assertThatThrownBy(() -> PushInspector.read(new byte[70_000], null, null))
        .isInstanceOf(InvalidCallback.class).hasMessageContaining("body over");
    assertThatThrownBy(() -> PushInspector.read(SCAN.getBytes(StandardCharsets.UTF_8), SignedRequest.AES_KEY,
        SignedRequest.APP_ID)).isInstanceOf(InvalidCallback.class).hasMessage("Encrypt is missing");
  }
}
