package io.github.wechatqr.bench;

import io.github.wechatqr.cli.QrCodeCli;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.QrImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Scenario 6: N temporary string-scene codes at concurrency C, each created, its image downloaded and
 * written to a file, three ways against a fresh fake each: the command line's batch engine in this process
 * ({@code QrCodeCli.run("batch", ...)}: CSV in, Feign gateway, Caffeine stores, a manifest line per row),
 * the hand-written loop on Apache HttpClient 5 ({@link RawHc5WeChat} on a fixed pool of C threads: the
 * baseline) and, for reference, the same loop on {@code java.net.http} ({@link RawWeChat}). Each is timed
 * from start to the last file; a smaller warm-up pass of each goes first and is not reported. The fake serves one JPEG
 * drawn beforehand for every ticket: drawing a real QR code per ticket costs the fake several
 * milliseconds of CPU, which would dominate both sides on 2 cores and hide what the clients cost.
 *
 * <p>Usage: {@code BatchComparison [codes] [concurrency] [warmupCodes] [out.json]}.
 */
public final class BatchComparison {
  /** A real QR code image (about 15 KB) of a content URL of WeChat's shape. */
  static final byte[] IMAGE = QrImages.jpeg("http://weixin.qq.com/q/02AbCdEfGhIjKlMnOpQrSt");

  private BatchComparison() {}

  /**
   * @param args codes (default 10,000), concurrency (default 16), warm-up codes (default 1,000), output file
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    int codes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
    Path out = Path.of(args.length > 3 ? args[3] : "target/bench/batch.json");
    if (warmup > 0) {
      engine(warmup, concurrency);
      hc5(warmup, concurrency);
      raw(warmup, concurrency);
    }
    long cpu0 = processCpuNanos();
    double engineSeconds = engine(codes, concurrency);
    long cpu1 = processCpuNanos();
    double hc5Seconds = hc5(codes, concurrency);
    long cpu2 = processCpuNanos();
    double rawSeconds = raw(codes, concurrency);
    long cpu3 = processCpuNanos();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("codes", codes);
    result.put("concurrency", concurrency);
    result.put("warmup_codes", warmup);
    result.put("engine_seconds", engineSeconds);
    result.put("hc5_seconds", hc5Seconds);
    result.put("raw_seconds", rawSeconds);
    result.put("engine_per_second", codes / engineSeconds);
    result.put("hc5_per_second", codes / hc5Seconds);
    result.put("raw_per_second", codes / rawSeconds);
    // CPU of the whole process (clients, fake server, JVM threads) per code: what 2 cores run out of.
    result.put("engine_cpu_ms_per_code", (cpu1 - cpu0) / 1e6 / codes);
    result.put("hc5_cpu_ms_per_code", (cpu2 - cpu1) / 1e6 / codes);
    result.put("raw_cpu_ms_per_code", (cpu3 - cpu2) / 1e6 / codes);
    Stats.writeJson(out, result);
    System.out.printf("batch of %d at concurrency %d: engine %.2f s (%.0f/s), HttpClient 5 loop %.2f s (%.0f/s),"
        + " java.net.http loop %.2f s (%.0f/s)%n", codes, concurrency, engineSeconds, codes / engineSeconds,
        hc5Seconds, codes / hc5Seconds, rawSeconds, codes / rawSeconds);
  }

  /** @return seconds the batch engine took, from the command's start to its end */
  static double engine(int codes, int concurrency) throws IOException {
    Path dir = Files.createTempDirectory("bench-batch-engine");
    try (FakeWeChatServer fake = fake()) {
      Path csv = dir.resolve("scenes.csv");
      List<String> lines = new ArrayList<>(codes + 1);
      lines.add("scene,kind");
      for (int i = 0; i < codes; i++) {
        lines.add(scene(i) + ",str");
      }
      Files.write(csv, lines);
      Path images = dir.resolve("out");
      String base = fake.baseUri().toString();
      long start = System.nanoTime();
      int exit = QrCodeCli.run("batch", "--input", csv.toString(), "--out", images.toString(),
          "--concurrency", Integer.toString(concurrency), "--temporary", "--expire", "7d",
          "--appid", fake.appId(), "--secret", fake.secret(), "--api-base", base, "--mp-base", base);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (exit != 0) {
        throw new IllegalStateException("qrcode batch exited with " + exit);
      }
      requireImages(images, codes);
      return seconds;
    } finally {
      delete(dir);
    }
  }

  /** @return seconds the hand-written loop on Apache HttpClient 5 took for the same work (the baseline) */
  static double hc5(int codes, int concurrency) throws Exception {
    Path dir = Files.createTempDirectory("bench-batch-hc5");
    ExecutorService workers = Executors.newFixedThreadPool(concurrency);
    try (FakeWeChatServer fake = fake()) {
      double seconds;
      long start = System.nanoTime();
      try (RawHc5WeChat hc5 = new RawHc5WeChat(fake.baseUri(), fake.appId(), fake.secret())) {
        long expire = Upstream.LIFETIME.toSeconds();
        List<Future<?>> rows = new ArrayList<>(codes);
        for (int i = 0; i < codes; i++) {
          String scene = scene(i);
          rows.add(workers.submit(() -> {
            RawWeChat.Created created = hc5.create(RawWeChat.strBody(scene, expire));
            Files.write(dir.resolve(scene + ".jpg"), hc5.image(created.ticket()));
            return null;
          }));
        }
        for (Future<?> row : rows) {
          row.get();
        }
        seconds = (System.nanoTime() - start) / 1e9;
      }
      requireImages(dir, codes);
      return seconds;
    } finally {
      workers.shutdownNow();
      delete(dir);
    }
  }

  /** @return seconds the hand-written loop on {@code java.net.http} took for the same work (reference) */
  static double raw(int codes, int concurrency) throws Exception {
    Path dir = Files.createTempDirectory("bench-batch-raw");
    ExecutorService workers = Executors.newFixedThreadPool(concurrency);
    try (FakeWeChatServer fake = fake()) {
      long start = System.nanoTime();
      RawWeChat raw = new RawWeChat(fake.baseUri(), fake.appId(), fake.secret());
      long expire = Upstream.LIFETIME.toSeconds();
      List<Future<?>> rows = new ArrayList<>(codes);
      for (int i = 0; i < codes; i++) {
        String scene = scene(i);
        rows.add(workers.submit(() -> {
          RawWeChat.Created created = raw.create(RawWeChat.strBody(scene, expire));
          Files.write(dir.resolve(scene + ".jpg"), raw.image(created.ticket()));
          return null;
        }));
      }
      for (Future<?> row : rows) {
        row.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      requireImages(dir, codes);
      return seconds;
    } finally {
      workers.shutdownNow();
      delete(dir);
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** A fresh fake that serves {@link #IMAGE} for every ticket. */
  private static FakeWeChatServer fake() {
    return FakeWeChatServer.builder().clock(Clock.systemUTC()).images(url -> IMAGE).start();
  }

  private static String scene(int i) {
    return String.format("bench-scene-%06d", i);
  }

  private static void requireImages(Path dir, int codes) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      long images = files.filter(f -> f.getFileName().toString().endsWith(".jpg")).count();
      if (images != codes) {
        throw new IllegalStateException("expected " + codes + " images in " + dir + ", found " + images);
      }
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> tree = Files.walk(dir)) {
      tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
