package io.github.wechatqr.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.ScanEvent.Kind;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScanEventTest {
  private static final Instant AT = Instant.ofEpochSecond(1_700_000_000);

  private static Optional<ScanEvent> push(String event, String key, String ticket) {
    return ScanEvent.fromPush(event, key, "openid-1", "gh_account", ticket, AT);
  }

  @Test
  void a_subscribe_from_a_qr_code_carries_the_scene_after_the_qrscene_prefix() {
    ScanEvent scan = push("subscribe", "qrscene_123", "gQH+t=").orElseThrow();
    assertThat(scan.kind()).isEqualTo(Kind.SUBSCRIBE);
    assertThat(scan.sceneKey()).isEqualTo("123");
    assertThat(scan.ticket()).isEqualTo(new Ticket("gQH+t="));
    assertThat(scan.openId()).isEqualTo("openid-1");
    assertThat(scan.account()).isEqualTo("gh_account");
    assertThat(scan.createdAt()).isEqualTo(AT);
  }

  @Test
  void the_prefix_is_stripped_once_and_only_at_the_start() {
    assertThat(push("subscribe", "qrscene_qrscene_x", "t").orElseThrow().sceneKey())
        .isEqualTo("qrscene_x");
    assertThat(push("SCAN", "a_qrscene_b", "t").orElseThrow().sceneKey()).isEqualTo("a_qrscene_b");
    assertThat(push("SCAN", "qrscene_kept", "t").orElseThrow().sceneKey()).isEqualTo("qrscene_kept");
  }

  @Test
  void a_scan_by_a_follower_carries_the_bare_scene() {
    ScanEvent scan = push("SCAN", "123", "t").orElseThrow();
    assertThat(scan.kind()).isEqualTo(Kind.SCAN);
    assertThat(scan.sceneKey()).isEqualTo("123");
  }

  @ParameterizedTest
  @CsvSource(value = {"subscribe,NULL", "subscribe,''", "subscribe,last_trade_no", "unsubscribe,qrscene_1",
      "CLICK,menu", "LOCATION,NULL"}, nullValues = "NULL")
  void pushes_that_are_not_qr_scans_give_no_scan_event(String event, String key) {
    assertThat(push(event, key, null)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {""})
  void a_scan_without_an_event_key_is_invalid(String key) {
    assertThatThrownBy(() -> push("SCAN", key, "t"))
        .isInstanceOf(InvalidCallback.class).hasMessage("a SCAN push must carry an EventKey");
    assertThatThrownBy(() -> push("SCAN", null, "t")).isInstanceOf(InvalidCallback.class);
  }

  @Test
  void a_subscribe_with_the_prefix_and_nothing_after_it_is_invalid() {
    assertThatThrownBy(() -> push("subscribe", "qrscene_", "t"))
        .isInstanceOf(InvalidCallback.class).hasMessageContaining("EventKey");
  }

  @Test
  void a_missing_or_blank_ticket_reads_as_none() {
    assertThat(push("SCAN", "1", null).orElseThrow().ticket()).isNull();
    assertThat(push("SCAN", "1", " ").orElseThrow().ticket()).isNull();
  }

  @Test
  void a_scan_names_its_user_account_and_time() {
    assertThatThrownBy(() -> ScanEvent.fromPush("SCAN", "1", "", "gh", "t", AT))
        .isInstanceOf(InvalidCallback.class).hasMessageContaining("FromUserName");
    assertThatThrownBy(() -> ScanEvent.fromPush("SCAN", "1", "o", null, "t", AT))
        .isInstanceOf(InvalidCallback.class).hasMessageContaining("ToUserName");
    assertThatThrownBy(() -> ScanEvent.fromPush("SCAN", "1", "o", "gh", "t", null))
        .isInstanceOf(InvalidCallback.class).hasMessageContaining("CreateTime");
  }

  @ParameterizedTest
  @CsvSource({"123,123", "-7,-7", "2147483647,2147483647", "-2147483648,-2147483648"})
  void a_key_in_canonical_int_form_infers_an_id(String key, int id) {
    assertThat(push("SCAN", key, null).orElseThrow().inferredScene()).isEqualTo(SceneValue.of(id));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0123", "+5", "2147483648", "-2147483649", "12a", "-", "99999999999999",
      "shop-1"})
  void any_other_key_infers_a_string(String key) {
    assertThat(push("SCAN", key, null).orElseThrow().inferredScene()).isEqualTo(SceneValue.of(key));
  }

  @Test
  void a_key_that_is_no_valid_scene_is_an_invalid_callback() {
    ScanEvent scan = push("SCAN", "x".repeat(65), null).orElseThrow();
    assertThatThrownBy(scan::inferredScene)
        .isInstanceOf(InvalidCallback.class)
        .hasMessageStartingWith("EventKey is not a valid scene: scene_str must be 1..64");
  }
}
