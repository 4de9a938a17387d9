package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.testkit.MutableClock;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What {@link RedisQrCodeStore} leaves in Redis, and what it makes of entries it finds there. */
@ExtendWith(SharedRedis.class)
class RedisQrCodeStoreStoredEntriesTest {
  private static final Instant ISSUED = Instant.parse("2026-03-01T00:00:00Z");
  private final MutableClock clock = MutableClock.at(ISSUED);
  private final String appId = SharedRedis.freshAppId();
  private final RedisQrCodeStore store = SharedRedis.stores().qrCodeStore(appId, clock);
  private final RedisCommands<String, String> raw = SharedRedis.raw();
  private final QrCodeRequest request = QrCodeRequest.temporary(SceneValue.of(42), Duration.ofHours(1));
  private final QrCode code = new QrCode(request, new Ticket("gQH+ab/c=="), "http://weixin.qq.com/q/abc",
      ISSUED, ISSUED.plus(Duration.ofHours(1)));

  private String requestKey() {
    return "wechatqr:" + appId + ":req:id:3600:42";
  }

  private String ticketKey() {
    return "wechatqr:" + appId + ":ticket:gQH+ab/c==";
  }

  /** Layout v1 exactly as the javadoc and README document it; a later release must still read this. */
  private static Map<String, String> documentedV1() {
    Map<String, String> fields = new HashMap<>();
    fields.put("v", "1");
    fields.put("scene_id", "42");
    fields.put("expire_seconds", "3600");
    fields.put("ticket", "gQH+ab/c==");
    fields.put("url", "http://weixin.qq.com/q/abc");
    fields.put("issued_at", "2026-03-01T00:00:00Z");
    fields.put("expires_at", "2026-03-01T01:00:00Z");
    return fields;
  }

  @Test
  void a_code_is_kept_under_the_documented_keys_as_the_documented_hash_with_its_remaining_life_as_ttl() {
    clock.advance(Duration.ofMinutes(20));
    store.save(code);

    assertThat(raw.hgetall(requestKey())).isEqualTo(documentedV1());
    assertThat(raw.hgetall(ticketKey())).isEqualTo(documentedV1());
    long fortyMinutes = Duration.ofMinutes(40).toMillis();
    assertThat(raw.pttl(requestKey())).isBetween(fortyMinutes - 10_000, fortyMinutes);
    assertThat(raw.pttl(ticketKey())).isBetween(fortyMinutes - 10_000, fortyMinutes);
  }

  @Test
  void a_permanent_code_is_kept_without_ttl() {
    QrCode permanent = new QrCode(QrCodeRequest.permanent(SceneValue.of("shop:17")), new Ticket("gQP=="),
        "http://weixin.qq.com/q/p", ISSUED, null);
    store.save(permanent);

    String key = "wechatqr:" + appId + ":req:str:permanent:shop%3A17";
    assertThat(raw.hgetall(key)).containsEntry("scene_str", "shop:17").doesNotContainKeys("expires_at", "expire_seconds");
    assertThat(raw.pttl(key)).isEqualTo(-1);
    assertThat(raw.pttl("wechatqr:" + appId + ":ticket:gQP==")).isEqualTo(-1);
  }

  @Test
  void a_code_expired_by_the_stores_clock_is_not_returned_although_redis_still_holds_it() {
    store.save(code);
    clock.set(code.expiresAt());

    assertThat(raw.exists(requestKey(), ticketKey())).isEqualTo(2);
    assertThat(store.findByRequest(request)).isEmpty();
    assertThat(store.findByTicket(code.ticket())).isEmpty();
  }

  @Test
  void an_already_expired_code_is_not_written() {
    clock.set(code.expiresAt().plusSeconds(1));
    store.save(code);

    assertThat(raw.exists(requestKey(), ticketKey())).isZero();
  }

  @Test
  void an_entry_hand_written_in_the_documented_v1_layout_is_read() {
    raw.hset(ticketKey(), documentedV1());
    raw.hset(requestKey(), documentedV1());

    assertThat(store.findByTicket(code.ticket())).contains(code);
    assertThat(store.findByRequest(request)).contains(code);
  }

  @Test
  void an_entry_with_fields_a_later_compatible_release_added_is_read() {
    Map<String, String> later = documentedV1();
    later.put("image_etag", "\"abc\"");
    raw.hset(ticketKey(), later); // every release writes both keys: a ticket key no request knows is refused
    raw.hset(requestKey(), later);

    assertThat(store.findByTicket(code.ticket())).contains(code);
    assertThat(store.findByRequest(request)).contains(code);
  }

  static Stream<Arguments> unreadable() {
    return Stream.of(
        Arguments.of("a newer layout version", Map.of("v", "2")),
        Arguments.of("no version", Map.of("v", "")),
        Arguments.of("a version that is no number", Map.of("v", "one")),
        Arguments.of("a corrupt instant", Map.of("issued_at", "yesterday")),
        Arguments.of("a missing url", Map.of("url", "")),
        Arguments.of("both scene fields", Map.of("scene_str", "42")),
        Arguments.of("a scene the rules reject", Map.of("scene_id", "0")),
        Arguments.of("an expiry before the issue", Map.of("expires_at", "2025-01-01T00:00:00Z")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unreadable")
  void an_unreadable_entry_is_treated_as_absent_and_never_misread(String what, Map<String, String> change) {
    Map<String, String> fields = documentedV1();
    fields.putAll(change);
    fields.values().removeIf(String::isEmpty);
    raw.hset(ticketKey(), fields);
    raw.hset(requestKey(), fields);

    assertThat(store.findByTicket(code.ticket())).isEmpty();
    assertThat(store.findByRequest(request)).isEmpty();
  }

  @Test
  void a_code_filed_under_the_key_of_another_request_or_ticket_is_never_handed_out() {
    Map<String, String> otherRequest = documentedV1();
    otherRequest.put("scene_id", "43");
    raw.hset(requestKey(), otherRequest);
    Map<String, String> otherTicket = documentedV1();
    otherTicket.put("ticket", "gQH-other==");
    raw.hset(ticketKey(), otherTicket);

    assertThat(store.findByRequest(request)).isEmpty();
    assertThat(store.findByTicket(code.ticket())).isEmpty();
  }

  @Test
  void a_key_of_another_type_is_treated_as_absent_and_a_save_replaces_it() {
    raw.set(requestKey(), "written by something else");
    raw.rpush(ticketKey(), "a list");

    assertThat(store.findByRequest(request)).isEmpty();
    assertThat(store.findByTicket(code.ticket())).isEmpty();
    store.save(code);
    assertThat(store.findByRequest(request)).contains(code);
    assertThat(store.findByTicket(code.ticket())).contains(code);
  }

  @Test
  void an_entry_from_a_newer_release_is_replaced_by_the_next_save() {
    Map<String, String> newer = documentedV1();
    newer.put("v", "2");
    raw.hset(requestKey(), newer);

    store.save(code);

    assertThat(raw.hget(requestKey(), "v")).isEqualTo("1");
    assertThat(store.findByRequest(request)).contains(code);
  }
}
