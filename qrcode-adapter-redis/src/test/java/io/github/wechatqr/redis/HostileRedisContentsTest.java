package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.port.QrImageStore;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.domain.service.ReusePolicy;
import io.github.wechatqr.domain.token.AccessTokenFetcher;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.MutableClock;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Redis contents the stores must not trust as they are (issue 17, point 7): keys planted, left by a bug or
 * edited by hand, straight into the shared Redis. Each test here fails on a store that trusts them.
 */
@ExtendWith(SharedRedis.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileRedisContentsTest {
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
  /**
   * A short wait budget, so a store that waits for a planted lock fails in 4 s instead of 15; a long command
   * timeout, so that writing and reading the 10 MB values stays within it on a slow machine.
   */
  private static final RedisStoreSettings SETTINGS = RedisStoreSettings.defaults()
      .withLockTtl(Duration.ofSeconds(2)).withLockWait(Duration.ofSeconds(4))
      .withCommandTimeout(Duration.ofSeconds(20));
  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final String appId = SharedRedis.freshAppId();
  private final RedisKeys keys = new RedisKeys(SETTINGS.keyPrefix(), appId);
  private final InMemoryQrCodeGateway upstream = new InMemoryQrCodeGateway(clock);
  private final AtomicInteger busy = new AtomicInteger();
  private final List<String> fetches = new CopyOnWriteArrayList<>();
  @RegisterExtension
  final BackgroundRefreshes refreshes = new BackgroundRefreshes();
  @RegisterExtension
  final Instances instances = new Instances();
  private final RedisStores redis = instances.open(SETTINGS);
  /** Plain commands on the stores' connection, to plant what a hostile or buggy writer would. */
  private final RedisCommands<String, String> raw = redis.connection().sync();

  private RedisQrCodeStore codeStore() {
    return new RedisQrCodeStore(redis.ops(), keys, clock);
  }

  /** The service of an instance sharing the Redis: its code store and its creation lock. */
  private QrCodeService service() {
    return new QrCodeService(upstream, codeStore(), clock, ReusePolicy.halfLifetimeLeft(), QrImageStore.none(),
        new RedisCreationLock(redis.ops(), keys, SETTINGS, busy::incrementAndGet));
  }

  private RedisAccessTokenStore tokenStore(AccessTokenFetcher fetcher) {
    return new RedisAccessTokenStore(redis.ops(), keys, fetcher, clock, TokenPolicy.defaults(),
        SETTINGS, refreshes, busy::incrementAndGet);
  }

  private RedisAccessTokenStore tokenStore() {
    return tokenStore(reason -> {
      fetches.add(reason.name());
      return new AccessToken("token-" + fetches.size(), clock.instant().plus(Duration.ofHours(2)));
    });
  }

  /** A code's hash in layout v1, as the store writes it, with the ticket and url given. */
  private Map<String, String> codeFields(QrCodeRequest request, String ticket, String url) {
    Instant now = clock.instant();
    QrCode code = new QrCode(request, new Ticket("gQH+placeholder=="), "http://weixin.qq.com/q/placeholder", now,
        request.isPermanent() ? null : now.plus(request.lifetime()));
    Map<String, String> fields = new HashMap<>(QrCodeLayout.write(code));
    fields.put(QrCodeLayout.TICKET, ticket);
    fields.put(QrCodeLayout.URL, url);
    return fields;
  }

  private Map<String, String> tokenFields(String value) {
    return Map.of("v", "1", "value", value, "expires_at", clock.instant().plus(Duration.ofHours(2)).toString());
  }

  private static Duration timed(Runnable call) {
    long started = System.nanoTime();
    call.run();
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /**
   * Lock keys always carry a lease, and one without (or with more left than any lease) is taken over. The
   * creation lock's own cases are in {@link RedisCreationLockTest}.
   */
  @Nested
  class StaleLocks {
    @Test
    void a_token_lock_planted_without_expiry_is_taken_over_at_once_and_the_token_fetched() {
      raw.set(keys.tokenLock(), "planted");
      RedisAccessTokenStore store = tokenStore();

      AccessToken[] token = new AccessToken[1];
      Duration took = timed(() -> token[0] = store.get());

      assertThat(token[0].value()).isEqualTo("token-1");
      assertThat(fetches).containsExactly("DUE");
      assertThat(took).as("well under lockWait").isLessThan(SETTINGS.lockWait().dividedBy(2));
      assertThat(busy).hasValue(0);
      assertThat(raw.exists(keys.tokenLock())).isZero();
      assertThat(raw.hget(keys.token(), "value")).as("shared with the other instances").isEqualTo("token-1");
    }

    @Test
    void a_lock_with_more_left_than_any_lease_is_taken_over_as_stale() {
      QrCodeRequest request = QrCodeRequest.permanent(SceneValue.of("shop:1"));
      raw.set(keys.requestLock(request), "planted", SetArgs.Builder.px(Duration.ofHours(1).toMillis()));
      raw.set(keys.tokenLock(), "planted", SetArgs.Builder.px(Duration.ofHours(1).toMillis()));

      Duration took = timed(() -> {
        service().obtain(request);
        tokenStore().get();
      });

      assertThat(took).isLessThan(SETTINGS.lockWait().dividedBy(2));
      assertThat(upstream.issueCount()).isEqualTo(1);
      assertThat(fetches).containsExactly("DUE");
      assertThat(busy).hasValue(0);
      assertThat(LogLines.warnings(appId)).anySatisfy(line -> assertThat(line)
          .contains("Took over the Redis lock " + keys.tokenLock() + ": it had ").contains(" ms left"));
    }
  }

  /**
   * A token, ticket or URL that is not of WeChat's shape (length, alphabet) is treated as absent, with a
   * WARN; the stores never write one either.
   */
  @Nested
  class MisshapenValues {
    private final QrCodeRequest request = QrCodeRequest.temporary(SceneValue.of(42), TEN_MINUTES);

    @Test
    void a_ten_megabyte_token_planted_in_redis_is_never_handed_out_and_a_fetched_one_replaces_it() {
      raw.hset(keys.token(), tokenFields("A".repeat(10 << 20)));
      RedisAccessTokenStore store = tokenStore();

      assertThat(store.get().value()).isEqualTo("token-1");

      assertThat(fetches).containsExactly("DUE");
      assertThat(raw.hget(keys.token(), "value")).isEqualTo("token-1");
      assertThat(LogLines.warnings(appId)).anySatisfy(line -> assertThat(line)
          .contains("Ignoring the Redis entry " + keys.token() + ": field 'value' is not of WeChat's shape: "
              + (10 << 20) + " characters long"))
          .allSatisfy(line -> assertThat(line).hasSizeLessThan(1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tok en", "tok\r\nSet-Cookie:x", "tok\u001b[2J", "tok&access_token=other", "tok%0A",
        "tok\u0000", "\u4ee4\u724c", "tok\u202e"})
    void a_planted_token_with_a_character_outside_wechats_alphabet_is_treated_as_absent(String hostile) {
      raw.hset(keys.token(), tokenFields(hostile));

      assertThat(tokenStore().get().value()).isEqualTo("token-1");
      assertThat(raw.hget(keys.token(), "value")).isEqualTo("token-1");
    }

    @Test
    void a_fetched_token_not_of_wechats_shape_is_handed_out_but_never_shared() {
      String odd = "x".repeat(Shapes.LONGEST_TOKEN + 1);
      RedisAccessTokenStore store = tokenStore(reason -> new AccessToken(odd, clock.instant().plus(Duration.ofHours(2))));

      assertThat(store.get().value()).isEqualTo(odd);

      assertThat(raw.exists(keys.token(), keys.tokenLock())).isZero();
      assertThat(LogLines.warnings(appId)).anySatisfy(line -> assertThat(line)
          .contains("The access token fetched for " + keys.token() + " is not of WeChat's shape")
          .doesNotContain(odd));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gQH\r\nx==", "gQH x==", "gQH%2F==", "gQH:req:id==", "gQH.x==", "\u7968"})
    void a_planted_ticket_not_of_wechats_shape_is_treated_as_absent_and_a_new_code_replaces_it(String hostile) {
      String ticket = hostile;
      Map<String, String> planted = codeFields(request, ticket, "http://weixin.qq.com/q/planted");
      raw.hset(keys.request(request), planted);
      raw.hset(keys.prefix() + ":" + appId + ":ticket:" + ticket, planted);
      RedisQrCodeStore store = codeStore();

      assertThat(store.findByRequest(request)).isEmpty();
      assertThat(store.findByTicket(new Ticket(ticket))).isEmpty();
      QrCode fresh = service().obtain(request);
      assertThat(fresh.ticket().value()).isNotEqualTo(ticket);
      assertThat(upstream.issueCount()).isEqualTo(1);
      assertThat(store.findByRequest(request)).contains(fresh);
    }

    @Test
    void a_ten_megabyte_ticket_planted_in_redis_is_treated_as_absent() {
      raw.hset(keys.request(request), codeFields(request, "gQH" + "A".repeat(10 << 20), "http://weixin.qq.com/q/x"));

      assertThat(codeStore().findByRequest(request)).isEmpty();
      assertThat(LogLines.warnings(appId)).anySatisfy(line -> assertThat(line)
          .contains("field 'ticket' is not of WeChat's shape: " + (3 + (10 << 20)) + " characters long"))
          .allSatisfy(line -> assertThat(line).hasSizeLessThan(1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "ftp://weixin.qq.com/q/x", "http://", "weixin.qq.com/q/x",
        "http://weixin.qq.com/q/x\r\nLocation:evil", "http://weixin.qq.com/q/x y", "http://weixin.qq.com/q/\u4e2d",
        "http://weixin.qq.com/q/\u001b[31m"})
    void a_planted_url_not_of_wechats_shape_is_treated_as_absent(String hostile) {
      Map<String, String> planted = codeFields(request, "gQH+planted/x==", hostile);
      raw.hset(keys.request(request), planted);
      raw.hset(keys.ticket(new Ticket("gQH+planted/x==")), planted);

      assertThat(codeStore().findByRequest(request)).isEmpty();
      assertThat(codeStore().findByTicket(new Ticket("gQH+planted/x=="))).isEmpty();
    }

    @Test
    void a_url_longer_than_any_of_wechats_is_treated_as_absent() {
      raw.hset(keys.request(request), codeFields(request, "gQH+planted/x==",
          "http://weixin.qq.com/q/" + "a".repeat(Shapes.LONGEST_URL)));

      assertThat(codeStore().findByRequest(request)).isEmpty();
    }

    @Test
    void a_code_whose_ticket_or_url_is_not_of_wechats_shape_is_never_written() {
      Instant now = clock.instant();
      codeStore().save(new QrCode(request, new Ticket("gQH\r\nx=="), "http://weixin.qq.com/q/x", now,
          now.plus(TEN_MINUTES)));
      codeStore().save(new QrCode(request, new Ticket("gQH+x=="), "http://weixin.qq.com/q/\u001b", now,
          now.plus(TEN_MINUTES)));

      assertThat(raw.exists(keys.request(request))).isZero();
      assertThat(LogLines.warnings(appId)).anySatisfy(line -> assertThat(line)
          .contains("Not saving the code for " + keys.request(request) + ": field 'ticket' is not of WeChat's shape"));
    }
  }

  /**
   * A code read by request must be the one its ticket's key holds; a code read by ticket must be on record
   * for the request it names. A ticket or scene moved between two scenes' keys is never served.
   */
  @Nested
  class IndexIntegrity {
    private final QrCodeRequest one = QrCodeRequest.temporary(SceneValue.of(1), TEN_MINUTES);
    private final QrCodeRequest two = QrCodeRequest.temporary(SceneValue.of(2), TEN_MINUTES);

    private void swapFields(String keyA, String keyB, String... fields) {
      Map<String, String> a = raw.hgetall(keyA);
      Map<String, String> b = raw.hgetall(keyB);
      for (String field : fields) {
        if (b.containsKey(field)) {
          raw.hset(keyA, field, b.get(field));
        } else {
          raw.hdel(keyA, field);
        }
        if (a.containsKey(field)) {
          raw.hset(keyB, field, a.get(field));
        } else {
          raw.hdel(keyB, field);
        }
      }
    }

    private void swapKeys(String keyA, String keyB) {
      raw.rename(keyA, keyA + ":swapping");
      raw.rename(keyB, keyA);
      raw.rename(keyA + ":swapping", keyB);
    }

    @Test
    void a_ticket_swapped_between_two_scenes_request_keys_is_never_served_and_the_scene_gets_its_own_code() {
      QrCodeService service = service();
      QrCode a = service.obtain(one);
      QrCode b = service.obtain(two);
      swapFields(keys.request(one), keys.request(two), QrCodeLayout.TICKET, QrCodeLayout.URL);
      RedisQrCodeStore store = codeStore();

      assertThat(store.findByRequest(one)).isEmpty();
      assertThat(store.findByRequest(two)).isEmpty();
      assertThat(LogLines.warnings(appId)).anySatisfy(line -> assertThat(line)
          .contains("Ignoring the Redis entry " + keys.request(one) + ": the key of its ticket, "
              + keys.ticket(b.ticket()) + ", does not hold the same code"));

      QrCode fresh = service.obtain(one);
      assertThat(fresh.ticket()).isNotIn(a.ticket(), b.ticket());
      assertThat(store.findByTicket(fresh.ticket())).map(QrCode::request).contains(one);
      assertThat(store.findByRequest(one)).contains(fresh);
      assertThat(upstream.issueCount()).isEqualTo(3);
    }

    @Test
    void a_url_swapped_between_two_scenes_request_keys_is_never_served() {
      QrCodeService service = service();
      service.obtain(one);
      service.obtain(two);
      swapFields(keys.request(one), keys.request(two), QrCodeLayout.URL);

      assertThat(codeStore().findByRequest(one)).isEmpty();
      assertThat(codeStore().findByRequest(two)).isEmpty();
    }

    @Test
    void scenes_swapped_between_two_ticket_keys_are_never_served() {
      QrCodeService service = service();
      QrCode a = service.obtain(one);
      QrCode b = service.obtain(two);
      swapFields(keys.ticket(a.ticket()), keys.ticket(b.ticket()), QrCodeLayout.SCENE_ID);
      RedisQrCodeStore store = codeStore();

      assertThat(store.findByTicket(a.ticket())).isEmpty();
      assertThat(store.findByTicket(b.ticket())).isEmpty();
      assertThat(LogLines.warnings(appId)).anySatisfy(line -> assertThat(line)
          .contains("Ignoring the Redis entry " + keys.ticket(a.ticket()) + ": its ticket is not on record for the"
              + " request it names (" + keys.ticketsOf(two) + " does not list it"));
    }

    @Test
    void a_scan_of_a_ticket_whose_scene_was_swapped_from_id_to_string_is_typed_by_its_event_key_not_by_the_swap() {
      QrCodeRequest id = QrCodeRequest.temporary(SceneValue.of(123), TEN_MINUTES);
      QrCodeRequest str = QrCodeRequest.temporary(SceneValue.of("123"), TEN_MINUTES);
      QrCodeService service = service();
      QrCode a = service.obtain(id);
      QrCode b = service.obtain(str);
      swapFields(keys.ticket(a.ticket()), keys.ticket(b.ticket()), QrCodeLayout.SCENE_ID, QrCodeLayout.SCENE_STR);

      ResolvedScan scan = service.resolve(new ScanEvent(ScanEvent.Kind.SCAN, "openid-1", "gh_account", "123",
          a.ticket(), clock.instant()));

      assertThat(scan.resolution()).isEqualTo(ResolvedScan.Resolution.EVENT_KEY);
      assertThat(scan.issuedCode()).isEmpty();
      assertThat(codeStore().findByTicket(a.ticket())).isEmpty();
    }

    @Test
    void whole_hashes_swapped_between_two_scenes_keys_are_never_served() {
      QrCodeService service = service();
      QrCode a = service.obtain(one);
      QrCode b = service.obtain(two);
      swapKeys(keys.request(one), keys.request(two));
      swapKeys(keys.ticket(a.ticket()), keys.ticket(b.ticket()));
      RedisQrCodeStore store = codeStore();

      assertThat(store.findByRequest(one)).isEmpty();
      assertThat(store.findByRequest(two)).isEmpty();
      assertThat(store.findByTicket(a.ticket())).isEmpty();
      assertThat(store.findByTicket(b.ticket())).isEmpty();
    }

    @Test
    void a_ticket_key_that_no_request_knows_is_not_served() {
      QrCode code = service().obtain(one);
      raw.del(keys.ticketsOf(one));
      raw.del(keys.request(one));

      assertThat(codeStore().findByTicket(code.ticket())).isEmpty();
    }

    @Test
    void a_replaced_codes_ticket_resolves_through_the_record_until_it_expires_and_then_leaves_the_record() {
      RedisQrCodeStore store = codeStore();
      QrCode old = issued(one);
      store.save(old);
      clock.advance(Duration.ofMinutes(6));
      QrCode replacement = issued(one);
      store.save(replacement);

      assertThat(store.findByTicket(old.ticket())).contains(old);
      assertThat(store.findByRequest(one)).contains(replacement);
      assertThat(raw.zrange(keys.ticketsOf(one), 0, -1)).containsExactly(old.ticket().value(),
          replacement.ticket().value());
      long remaining = Duration.between(clock.instant(), replacement.expiresAt()).toMillis();
      assertThat(raw.pttl(keys.ticketsOf(one))).isBetween(remaining - 10_000, remaining);

      clock.set(old.expiresAt().plus(RedisQrCodeStore.RECORD_GRACE).plusSeconds(1));
      QrCode third = issued(one);
      store.save(third);
      assertThat(raw.zrange(keys.ticketsOf(one), 0, -1)).containsExactly(replacement.ticket().value(),
          third.ticket().value());
    }

    @Test
    void a_permanent_codes_record_never_expires() {
      QrCodeRequest permanent = QrCodeRequest.permanent(SceneValue.of("shop:1"));
      QrCode code = service().obtain(permanent);

      assertThat(raw.zscore(keys.ticketsOf(permanent), code.ticket().value())).isEqualTo(Double.POSITIVE_INFINITY);
      assertThat(raw.pttl(keys.ticketsOf(permanent))).isEqualTo(-1);
    }

    @Test
    void a_record_of_another_type_is_ignored_and_replaced_by_the_next_save() {
      RedisQrCodeStore store = codeStore();
      QrCode code = issued(one);
      raw.set(keys.ticketsOf(one), "planted");
      store.save(code);
      assertThat(raw.type(keys.ticketsOf(one))).isEqualTo("zset");

      raw.del(keys.ticketsOf(one));
      raw.set(keys.ticketsOf(one), "planted");
      assertThat(store.findByTicket(code.ticket())).as("still the code the request's key holds").contains(code);
    }

    private QrCode issued(QrCodeRequest request) {
      return QrCode.issued(request, upstream.issue(request), clock.instant());
    }
  }

  /** Nothing read from Redis reaches a log line with a control character. */
  @Nested
  class ControlCharacters {
    private final QrCodeRequest request = QrCodeRequest.temporary(SceneValue.of(42), TEN_MINUTES);
    private final QrCodeRequest two = QrCodeRequest.temporary(SceneValue.of(43), TEN_MINUTES);
    /** Unique to the test, so the whole log can be searched for any trace of the planted value. */
    private final String nonce = "FORGED" + appId + "X";
    private final String hostile = "gQH" + nonce + "\r\n[main] WARN io.github.wechatqr.redis.Layout - forged\u001b[31m"
        + "\u001b]0;title\u0007\u009b\u202e\u2028";

    private void assertNoRawControlCharacterNorTraceOfTheValue() {
      String log = LogLines.text();
      assertThat(log).doesNotContain(nonce);
      assertThat(log.lines().filter(line -> line.contains(appId)))
          .isNotEmpty()
          .allSatisfy(line -> assertThat(line.codePoints().filter(c -> !Printable.printable(c))).isEmpty());
    }

    @Test
    void a_planted_ten_megabyte_ticket_with_cr_lf_esc_is_refused_and_its_warning_has_no_control_character() {
      String ticket = hostile + "A".repeat(10 << 20);
      raw.hset(keys.request(request), codeFields(request, ticket, "http://weixin.qq.com/q/x"));
      raw.hset(keys.request(two), codeFields(two, hostile, "http://weixin.qq.com/q/x"));

      assertThat(codeStore().findByRequest(request)).isEmpty();
      assertThat(codeStore().findByRequest(two)).isEmpty();

      assertThat(LogLines.warnings(appId)).anySatisfy(line -> assertThat(line)
          .contains("Ignoring the Redis entry " + keys.request(request) + ": field 'ticket' is not of WeChat's shape: "
              + ticket.length() + " characters long"))
          .anySatisfy(line -> assertThat(line)
          .contains("Ignoring the Redis entry " + keys.request(two) + ": field 'ticket' is not of WeChat's shape:"
              + " U+000D at index " + (3 + nonce.length())));
      assertNoRawControlCharacterNorTraceOfTheValue();
    }

    @Test
    void a_planted_url_with_cr_lf_esc_is_refused_and_its_warning_has_no_control_character() {
      Map<String, String> planted = codeFields(request, "gQH+planted/x==", "http://weixin.qq.com/q/" + hostile);
      raw.hset(keys.request(request), planted);
      raw.hset(keys.ticket(new Ticket("gQH+planted/x==")), planted);

      assertThat(codeStore().findByRequest(request)).isEmpty();
      assertThat(codeStore().findByTicket(new Ticket("gQH+planted/x=="))).isEmpty();

      assertThat(LogLines.warnings(appId)).anySatisfy(line -> assertThat(line).contains("field 'url' is not of"));
      assertNoRawControlCharacterNorTraceOfTheValue();
    }

    @Test
    void a_scan_of_a_ticket_with_control_characters_is_not_looked_up_and_leaves_no_trace_in_the_log() {
      Map<String, String> planted = codeFields(request, hostile, "http://weixin.qq.com/q/x");
      raw.hset(keys.prefix() + ":" + appId + ":ticket:" + hostile, planted);
      raw.hset(keys.request(request), codeFields(request, "gQH+other/x==", "http://weixin.qq.com/q/x"));

      assertThat(codeStore().findByTicket(new Ticket(hostile))).isEmpty();
      codeStore().findByRequest(request); // refused for its own reason, and logs a line naming this appid

      assertNoRawControlCharacterNorTraceOfTheValue();
    }

    @Test
    void every_key_of_a_hostile_scene_is_printable_ascii() {
      for (String scene : new String[] {"a\u2028b", "\u202eevil", "x\u200by", "%0D%0A", "\uD83D\uDE00:1", "\u00a0"}) {
        QrCodeRequest hostileScene = QrCodeRequest.permanent(SceneValue.of(scene));
        assertThat(List.of(keys.request(hostileScene), keys.requestLock(hostileScene), keys.ticketsOf(hostileScene)))
            .allSatisfy(key -> assertThat(key).matches("[!-~]+"));
      }
    }
  }
}
