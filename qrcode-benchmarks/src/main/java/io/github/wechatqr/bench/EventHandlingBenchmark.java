package io.github.wechatqr.bench;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.events.CallbackResponse;
import io.github.wechatqr.events.WeChatCallbackHandler;
import io.github.wechatqr.testkit.Callback;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.Push;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Scenario 4: an encrypted (safe-mode) scan push, handled by {@link WeChatCallbackHandler#handle}
 * (signature, timestamp, AES decryption with the appid check, hardened XML parsing, de-duplication,
 * {@code QrCodeService.resolve} against the Caffeine store, the listener) against WxJava's
 * {@code WxMpXmlMessage.fromEncryptedXml} (signature, AES decryption without the appid check, XStream
 * parsing; no timestamp check, no de-duplication, no resolution).
 *
 * <p>Both parse the very same pushes: a pool of {@value #POOL} distinct pushes built by the fake (the
 * testkit's {@code PushCrypto}: a subscribe scan from a distinct user each, for one of {@value #CODES}
 * codes the service issued on the fake). Each invocation takes the next push. De-duplication stays on:
 * every push is new to the handler, so it does its full work (a claim and a remembered key) and never
 * takes the cheap duplicate path. When the pool wraps, a fresh handler (empty memory) takes over; that
 * rebuild, once per {@value #POOL} pushes, is measured too.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class EventHandlingBenchmark {
  static final int POOL = 16_384;
  static final int CODES = 16;
  private static final String TOKEN = "benchCallbackToken";
  private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

  private final MutableClock clock = MutableClock.at("2026-03-01T08:00:00Z");
  private final Map<String, String>[] queries = newMaps(POOL);
  private final byte[][] bodies = new byte[POOL][];
  private final String[] bodyTexts = new String[POOL];
  private QrCodeService service;
  private String appId;
  private WxMpDefaultConfigImpl wxConfig;
  private WeChatCallbackHandler handler;
  private long scans;
  private long handled;
  private int next;
  private int nextWx;

  /** Issues the codes on the fake, then builds the pushes of their scans; the fake is not needed after. */
  @Setup
  public void pushes() {
    try (FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start()) {
      service = Upstream.service(fake.gateway(), clock);
      QrCode[] codes = new QrCode[CODES];
      for (int i = 0; i < CODES; i++) {
        codes[i] = service.temporary(SceneValue.of("login-session-" + i), Upstream.LIFETIME);
      }
      fake.callback(Callback.safe(URI.create("http://127.0.0.1:9/wechat"), TOKEN, AES_KEY));
      for (int i = 0; i < POOL; i++) {
        Push push = fake.push(codes[i % CODES].ticket(), "o-bench-user-" + i);
        queries[i].putAll(query(push.target()));
        bodyTexts[i] = push.body();
        bodies[i] = push.body().getBytes(StandardCharsets.UTF_8);
      }
      appId = fake.appId();
      wxConfig = WxJava.config(fake, TOKEN, AES_KEY);
    }
    handler = freshHandler();
    CallbackResponse first = handler.handle("POST", queries[0], bodies[0]);
    if (!first.isSuccess() || scans != 1) {
      throw new IllegalStateException("the handler refused the push: " + first.status() + " " + first.body());
    }
    handler = freshHandler();
    scans = 0;
  }

  /**
   * Checks that the handler saw every push as a new scan: one listener call per push handled (none for
   * the WxJava benchmark, which shares this state).
   */
  @TearDown
  public void check() {
    if (scans != handled) {
      throw new IllegalStateException(scans + " scans reached the listener for " + handled + " pushes");
    }
  }

  /** @return the answer, {@code 200 success} */
  @Benchmark
  public CallbackResponse handler() {
    int i = next;
    if (i == POOL) {
      handler = freshHandler();
      i = 0;
    }
    next = i + 1;
    CallbackResponse answer = handler.handle("POST", queries[i], bodies[i]);
    if (!answer.isSuccess()) {
      throw new IllegalStateException("refused: " + answer.status() + " " + answer.body());
    }
    handled++;
    return answer;
  }

  /** @return the parsed message */
  @Benchmark
  public WxMpXmlMessage wxJava() {
    int i = nextWx;
    nextWx = i + 1 == POOL ? 0 : i + 1;
    Map<String, String> query = queries[i];
    return WxMpXmlMessage.fromEncryptedXml(bodyTexts[i], wxConfig, query.get("timestamp"), query.get("nonce"),
        query.get("msg_signature"));
  }

  private WeChatCallbackHandler freshHandler() {
    return WeChatCallbackHandler.builder()
        .token(TOKEN)
        .encodingAesKey(AES_KEY, appId)
        .clock(clock)
        .resolver(service)
        .scanListener(scan -> scans++)
        .build();
  }

  private static Map<String, String> query(URI target) {
    Map<String, String> query = new HashMap<>();
    for (String pair : target.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return query;
  }

  // Java cannot create an array of a generic type: a raw array, unchecked, filled with the right maps only.
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Map<String, String>[] newMaps(int count) {
    Map<String, String>[] maps = new Map[count];
    for (int i = 0; i < count; i++) {
      maps[i] = new HashMap<>();
    }
    return maps;
  }
}
