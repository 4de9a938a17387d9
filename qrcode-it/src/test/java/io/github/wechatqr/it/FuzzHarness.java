package io.github.wechatqr.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.wechatqr.cache.CacheRuntime;
import io.github.wechatqr.cache.CaffeineQrCodeStore;
import io.github.wechatqr.domain.InvalidQrCodeRequest;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.WeChatApiException;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.feign.FeignQrCodeGateway;
import io.github.wechatqr.testkit.FakeCode;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.JournalEntry;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.PushResult;
import io.github.wechatqr.testkit.QrImages;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one generated case through the whole library and the fake, and fails on any disagreement:
 * <ul>
 *   <li>rejected by the domain ({@link InvalidQrCodeRequest}): no upstream call at all, and the fake,
 *       asked directly, rejects it too, unless a documented stricter rule ({@link StricterByDesign})
 *       explains the difference;</li>
 *   <li>accepted by the domain: the fake accepts it through the real Feign gateway with the same action,
 *       scene and lifetime; the image downloaded through the gateway decodes to the code's URL; a
 *       {@code subscribe} and then a {@code SCAN} pushed in safe mode to the real events adapter resolve
 *       back to exactly the same {@code SceneValue} from the issued code.</li>
 * </ul>
 */
final class FuzzHarness implements AutoCloseable {
  final FuzzTally tally = new FuzzTally();
  private final MutableClock clock = MutableClock.at("2026-06-01T00:00:00Z");
  private final FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start();
  private final FeignQrCodeGateway gateway = Gateways.against(fake, clock).build();
  private final QrCodeService service = new QrCodeService(gateway,
      new CaffeineQrCodeStore(CacheRuntime.sameThread(clock), 100_000), clock);
  private final ScanEndpoint endpoint = new ScanEndpoint(fake, service, clock, 2);
  private final FakeOracle oracle = new FakeOracle(fake);
  private final Set<QrCodeRequest> issued = new HashSet<>();
  private final int decodeEvery;
  private long cases;

  /** @param decodeEvery decode the image of every n-th accepted case (1: all of them) */
  FuzzHarness(int decodeEvery) {
    this.decodeEvery = decodeEvery;
  }

  void check(FuzzCase rawCase) {
    cases++;
    fake.journal().clear();
    QrCode code;
    try {
      code = rawCase.permanent() ? service.permanent(rawCase.scene())
          : service.temporary(rawCase.scene(), rawCase.lifetime());
    } catch (InvalidQrCodeRequest rejected) {
      rejectedLocally(rawCase, rejected);
      return;
    } catch (WeChatApiException refused) {
      throw new AssertionError("the domain accepted " + rawCase + " but the fake refused it: " + refused.getMessage());
    }
    accepted(rawCase, code);
    image(code);
    scans(rawCase, code);
  }

  private void rejectedLocally(FuzzCase rawCase, InvalidQrCodeRequest rejected) {
    assertThat(fake.journal().entries()).as("upstream calls of %s, rejected locally", rawCase).isEmpty();
    tally.total("rejected locally, field " + rejected.field());
    if (oracle.errcodeFor(rawCase) != 0) {
      tally.count(rawCase, FuzzTally.REJECTED_BY_BOTH);
      return;
    }
    Optional<String> reason = StricterByDesign.reason(rawCase);
    if (reason.isEmpty()) {
      fail("disagreement: the fake accepts %s, which the domain rejected (%s)", rawCase, rejected.getMessage());
    }
    tally.count(rawCase, "rejected by the domain only: " + reason.get());
  }

  private void accepted(FuzzCase rawCase, QrCode code) {
    assertThat(code.request().scene()).isEqualTo(rawCase.scene());
    List<JournalEntry> creates = fake.journal().entries(FakeWeChatServer.CREATE);
    if (creates.isEmpty()) {
      assertThat(issued).as("%s made no create call, so an equal request was issued before", rawCase)
          .contains(code.request());
      tally.count(rawCase, FuzzTally.REUSED);
    } else {
      assertThat(creates).singleElement().satisfies(e -> assertThat(e.errcode()).isNull());
      tally.count(rawCase, FuzzTally.CREATED);
    }
    issued.add(code.request());
    FakeCode atFake = fake.code(code.ticket()).orElseThrow(() -> new AssertionError("unknown at the fake: " + rawCase));
    assertThat(atFake.actionName()).isEqualTo(code.type().actionName());
    assertThat(atFake.scene()).isEqualTo(rawCase.scene().text());
    assertThat(atFake.url()).isEqualTo(code.url());
    if (rawCase.permanent()) {
      assertThat(atFake.permanent()).isTrue();
      assertThat(code.expiresAt()).isNull();
    } else {
      assertThat(Duration.between(atFake.createdAt(), atFake.expiresAt())).isEqualTo(rawCase.lifetime());
      assertThat(code.expiresAt()).isEqualTo(code.issuedAt().plus(rawCase.lifetime()));
    }
  }

  private void image(QrCode code) {
    QrImage image = service.image(code);
    assertThat(image.contentType()).startsWith("image/");
    tally.total("images downloaded");
    if (tally.total("images downloaded", 0) % decodeEvery == 0) {
      assertThat(QrImages.decode(image.bytes())).isEqualTo(code.url());
      tally.total("images decoded");
    }
  }

  private void scans(FuzzCase rawCase, QrCode code) {
    String openId = "o-fuzz-" + cases;
    for (ScanEvent.Kind kind : List.of(ScanEvent.Kind.SUBSCRIBE, ScanEvent.Kind.SCAN)) {
      PushResult pushed = fake.scan(code.ticket(), openId);
      assertThat(pushed.status()).as("answer to the %s push of %s: %s", kind, rawCase, pushed.body()).isEqualTo(200);
      List<ResolvedScan> scans = endpoint.scans.of(openId);
      assertThat(scans).as("scans of %s", rawCase).hasSize(kind == ScanEvent.Kind.SUBSCRIBE ? 1 : 2);
      ResolvedScan scan = scans.get(scans.size() - 1);
      assertThat(scan.event().kind()).isEqualTo(kind);
      assertThat(scan.resolution()).as("resolution of %s", rawCase).isEqualTo(ResolvedScan.Resolution.ISSUED_CODE);
      assertThat(scan.scene()).as("scene resolved for %s", rawCase).isEqualTo(rawCase.scene());
      assertThat(scan.code().ticket()).isEqualTo(code.ticket());
      tally.total("scans resolved");
    }
  }

  long cases() {
    return cases;
  }

  @Override
  public void close() {
    endpoint.close();
    gateway.close();
    fake.close();
  }
}
