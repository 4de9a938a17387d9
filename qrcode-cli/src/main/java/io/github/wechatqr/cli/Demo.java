package io.github.wechatqr.cli;

import io.github.wechatqr.client.WeChatQrCodes;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.events.CallbackServer;
import io.github.wechatqr.events.WeChatCallbackHandler;
import io.github.wechatqr.testkit.Callback;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.PushResult;
import io.github.wechatqr.testkit.QrImages;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The offline story: a fake WeChat in this process, the real adapters against it, every claim checked
 * against what the fake saw or what came back.
 */
final class Demo {
  private static final String USER = "demo-user";
  private final Path dir;
  private final PrintWriter out;
  private final Clock clock = Clock.systemUTC();
  private final LinkedBlockingQueue<ResolvedScan> scans = new LinkedBlockingQueue<>();

  Demo(Path dir, PrintWriter out) {
    this.dir = dir;
    this.out = out;
  }

  /** @return the number of steps that failed */
  int run() throws IOException, InterruptedException {
    Files.createDirectories(dir);
    String token = secret(18);
    String aesKey = secret(32).substring(0, 43);
    try (FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start();
        WeChatQrCodes wechat = WeChatQrCodes.builder().appId(fake.appId()).secret(fake.secret())
            .apiBase(fake.baseUri()).mpBase(fake.baseUri()).clock(clock).build()) {
      out.println("qrcode demo: offline, against a fake WeChat on " + fake.baseUri() + ", through the real adapters");
      out.println();
      DemoReport report = new DemoReport(out, fake.journal());
      QrCodeService service = wechat.service();
      List<QrCode> codes = List.of(
          create(report, fake, service, "temporary id", () -> service.temporary(SceneValue.of(1001), Duration.ofDays(7))),
          create(report, fake, service, "temporary string",
              () -> service.temporary(SceneValue.of("login-session-42"), Duration.ofMinutes(10))),
          create(report, fake, service, "permanent id", () -> service.permanent(SceneValue.of(17))),
          create(report, fake, service, "permanent string", () -> service.permanent(SceneValue.of("shop-hangzhou"))));
      reuse(report, fake, service, codes.get(0));
      images(report, service, codes);
      try (CallbackServer callback = CallbackServer.start(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "/wechat", handler(service, token, aesKey), 2)) {
        fake.callback(Callback.safe(callback.url(), token, aesKey));
        report.step("callback", true, "events handler at " + callback.url() + ", safe mode (AES-256-CBC)");
        scan(report, fake, codes.get(1), ScanEvent.Kind.SUBSCRIBE, "first scan");
        scan(report, fake, codes.get(1), ScanEvent.Kind.SCAN, "second scan");
        scan(report, fake, codes.get(2), ScanEvent.Kind.SCAN, "permanent code scan");
      }
      out.println();
      out.printf("%d of %d steps verified; upstream calls: %s; images in %s%n",
          report.steps() - report.failed(), report.steps(), report.calls(), dir.toAbsolutePath());
      return report.failed();
    }
  }

  private static QrCode create(DemoReport report, FakeWeChatServer fake, QrCodeService service, String name,
      java.util.function.Supplier<QrCode> creation) {
    long before = fake.journal().count(FakeWeChatServer.CREATE);
    QrCode code = creation.get();
    boolean issuedByFake = fake.code(code.ticket())
        .filter(c -> c.actionName().equals(code.type().actionName()) && c.scene().equals(code.request().scene().text()))
        .isPresent();
    boolean oneCreate = fake.journal().count(FakeWeChatServer.CREATE) == before + 1;
    report.step(name, issuedByFake && oneCreate, code.type().actionName() + " scene " + quoted(code)
        + ", ticket ..." + tail(code.ticket().value()) + ", "
        + (code.expiresAt() == null ? "never expires"
            : "expires " + code.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    return code;
  }

  private static void reuse(DemoReport report, FakeWeChatServer fake, QrCodeService service, QrCode first) {
    long before = fake.journal().count(FakeWeChatServer.CREATE);
    QrCode again = service.temporary(first.request().scene(), first.request().lifetime());
    boolean reused = again.ticket().equals(first.ticket()) && fake.journal().count(FakeWeChatServer.CREATE) == before;
    report.step("reuse", reused, "asking again for scene " + quoted(first) + " returns the cached ticket, no create call");
  }

  private void images(DemoReport report, QrCodeService service, List<QrCode> codes) throws IOException {
    int decoded = 0;
    for (QrCode code : codes) {
      Path file = dir.resolve(code.type().name().toLowerCase(java.util.Locale.ROOT) + ".jpg");
      byte[] jpeg = service.image(code).bytes();
      Files.write(file, jpeg);
      if (QrImages.decode(Files.readAllBytes(file)).equals(code.url())) {
        decoded++;
      }
    }
    report.step("images", decoded == codes.size(),
        decoded + " of " + codes.size() + " JPEGs saved and decoded back (ZXing) to their content url");
  }

  private void scan(DemoReport report, FakeWeChatServer fake, QrCode code, ScanEvent.Kind kind, String name)
      throws InterruptedException {
    PushResult answer = fake.scan(code.ticket(), USER);
    ResolvedScan scan = scans.poll(5, java.util.concurrent.TimeUnit.SECONDS);
    boolean holds = answer.status() == 200 && scan != null && scan.event().kind() == kind
        && scan.scene().equals(code.request().scene()) && Objects.equals(scan.event().ticket(), code.ticket())
        && scan.resolution() == ResolvedScan.Resolution.ISSUED_CODE;
    report.step(name, holds, kind + " from " + USER + " -> scene " + quoted(code) + " ("
        + (code.request().scene() instanceof SceneValue.Id ? "an id" : "a string") + ", resolved from the ticket), "
        + "answered " + answer.status() + " " + answer.body());
  }

  private WeChatCallbackHandler handler(QrCodeService service, String token, String aesKey) {
    return WeChatCallbackHandler.builder().token(token).encodingAesKey(aesKey, FakeWeChatServer.DEFAULT_APPID)
        .clock(clock).resolver(service).scanListener(scans::add).build();
  }

  private static String tail(String ticket) {
    return ticket.substring(Math.max(0, ticket.length() - 16));
  }

  private static String quoted(QrCode code) {
    return code.request().scene() instanceof SceneValue.Id id ? Integer.toString(id.value())
        : "\"" + code.request().scene().text() + "\"";
  }

  /** Random base64 text: the demo's callback token and EncodingAESKey are made up each run. */
  private static String secret(int bytes) {
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return Base64.getEncoder().withoutPadding().encodeToString(random).replace('+', 'A').replace('/', 'B');
  }
}
