package io.github.wechatqr.events;

import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.MutableClock;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The de-duplication flood of issue 17, point 3, as a program for a JVM of its own with a small heap (run by
 * {@link DedupFloodTest}): on one signed plain-mode URL, {@code pushes} text messages with a 60 KB
 * FromUserName, each another message (its MsgId), then as many messages with every field at its limit, all
 * through {@link WeChatCallbackHandler#handle}; then a valid push and its retry. Prints one line of figures,
 * ending in {@code ok} only if the last push was delivered once.
 */
public final class DedupFlood {
  private DedupFlood() {}

  public static void main(String[] args) {
    int pushes = Integer.parseInt(args[0]);
    MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    AtomicInteger delivered = new AtomicInteger();
    WeChatCallbackHandler handler = WeChatCallbackHandler.builder().token(SignedRequest.TOKEN).clock(clock)
        .resolver(new QrCodeService(new InMemoryQrCodeGateway(clock), new InMemoryQrCodeStore(clock), clock))
        .scanListener(scan -> delivered.incrementAndGet())
        .fallbackListener(message -> delivered.incrementAndGet())
        .build();
    long now = clock.instant().getEpochSecond();
    SignedRequest url = SignedRequest.plain(clock, "");
    Map<String, Integer> statuses = new TreeMap<>();
    long start = System.nanoTime();
    flood(handler, url.query(), message(now, "o".repeat(60_000), "gh_test"), pushes, statuses, "60KB");
    long huge = (System.nanoTime() - start) / 1_000_000;
    flood(handler, url.query(), message(now, "o".repeat(64), "g".repeat(64)), pushes, statuses, "limits");
    long millis = (System.nanoTime() - start) / 1_000_000;
    int before = delivered.get();
    SignedRequest last = SignedRequest.plain(clock, SignedRequest.scanXml("SCAN", "42", "t", now, "o_last"));
    CallbackResponse first = last.postTo(handler);
    CallbackResponse retry = last.postTo(handler);
    System.gc();
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    boolean ok = first.isSuccess() && retry.isSuccess() && delivered.get() == before + 1;
    System.out.printf("flood: %d pushes in %d ms (%d ms the 60 KB ones), statuses %s, delivered %d, heap used"
            + " after GC %d MiB, peak %d MiB, max %d MiB, last push %s then %s: %s%n", 2 * pushes, millis, huge,
        statuses, before,
        used >> 20, peak >> 20, Runtime.getRuntime().maxMemory() >> 20, first.status(), retry.status(),
        ok ? "ok" : "FAILED");
    System.exit(ok ? 0 : 1);
  }

  /** A text message with a 12-digit MsgId at a known place, so each push can be made another message. */
  private static byte[] message(long now, String openId, String account) {
    return ("<xml><ToUserName><![CDATA[" + account + "]]></ToUserName><FromUserName><![CDATA[" + openId
        + "]]></FromUserName><CreateTime>" + now + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        + "<Content><![CDATA[hi]]></Content><MsgId>100000000000</MsgId></xml>").getBytes(StandardCharsets.UTF_8);
  }

  private static void flood(WeChatCallbackHandler handler, Map<String, String> query, byte[] body, int pushes,
      Map<String, Integer> statuses, String kind) {
    int at = new String(body, StandardCharsets.UTF_8).indexOf("<MsgId>") + "<MsgId>".length();
    for (int i = 0; i < pushes; i++) {
      byte[] digits = Long.toString(100_000_000_000L + i).getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(digits, 0, body, at, digits.length);
      statuses.merge(kind + " " + handler.handle("POST", query, body).status(), 1, Integer::sum);
    }
  }
}
