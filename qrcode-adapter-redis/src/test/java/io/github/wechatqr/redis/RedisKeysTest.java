package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisKeysTest {
  private final RedisKeys keys = new RedisKeys("shop:wechatqr", "wx1234567890abcdef");

  @Test
  void every_key_lives_under_the_prefix_and_the_appid() {
    assertThat(keys.token()).isEqualTo("shop:wechatqr:wx1234567890abcdef:token");
    assertThat(keys.tokenLock()).isEqualTo("shop:wechatqr:wx1234567890abcdef:lock:token");
    assertThat(keys.tokenRejected()).isEqualTo("shop:wechatqr:wx1234567890abcdef:token:rejected");
    assertThat(keys.ticket(new Ticket("gQH+ab/c=="))).isEqualTo("shop:wechatqr:wx1234567890abcdef:ticket:gQH+ab/c==");
    QrCodeRequest request = QrCodeRequest.temporary(SceneValue.of(-5), Duration.ofMinutes(10));
    assertThat(keys.request(request)).isEqualTo("shop:wechatqr:wx1234567890abcdef:req:id:600:-5");
    assertThat(keys.requestLock(request)).isEqualTo("shop:wechatqr:wx1234567890abcdef:lock:req:id:600:-5");
  }

  @Test
  void an_id_scene_and_a_string_scene_with_the_same_text_get_different_keys() {
    assertThat(keys.request(QrCodeRequest.permanent(SceneValue.of(123))))
        .isNotEqualTo(keys.request(QrCodeRequest.permanent(SceneValue.of("123"))))
        .endsWith(":req:id:permanent:123");
  }

  @Test
  void a_string_scene_is_url_encoded_so_its_colons_cannot_forge_another_key() {
    assertThat(keys.request(QrCodeRequest.permanent(SceneValue.of("a:permanent:b c/中"))))
        .endsWith(":req:str:permanent:a%3Apermanent%3Ab+c%2F%E4%B8%AD");
    assertThat(keys.request(QrCodeRequest.temporary(SceneValue.of("600:x"), Duration.ofSeconds(1))))
        .isNotEqualTo(keys.request(QrCodeRequest.temporary(SceneValue.of("x"), Duration.ofSeconds(600))));
  }

  @Test
  void two_accounts_never_share_a_key() {
    assertThat(new RedisKeys("p", "wxA").token()).isNotEqualTo(new RedisKeys("p", "wxB").token());
  }

  @Test
  void an_appid_must_be_a_plain_identifier() {
    assertThatThrownBy(() -> new RedisKeys("p", "wx:1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RedisKeys("p", "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RedisKeys("p", null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RedisKeys("p", "wx 1")).isInstanceOf(IllegalArgumentException.class);
  }
}
