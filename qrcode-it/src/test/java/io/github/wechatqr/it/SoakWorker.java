package io.github.wechatqr.it;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.TicketNotFound;
import io.github.wechatqr.testkit.PushResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One of the soak's threads: until the deadline, issues, downloads, resolves and looks up codes at random,
 * recording each operation. Every code the service or the store serves is held against the clock read
 * just before the call: a code that had expired by then is a violation, and so is an image refused for a
 * code still valid, or a scan that does not resolve to its code's own scene.
 */
final class SoakWorker implements Runnable {
  private static final List<Duration> LIFETIMES =
      List.of(Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(6), Duration.ofSeconds(8));
  private static final AtomicLong USERS = new AtomicLong();

  private final SoakRig rig;
  private final long deadline;
  private final SplittableRandom random;
  private final AtomicReferenceArray<QrCode> recent;
  private final Queue<SoakOp> ops;
  private final Queue<String> violations;

  SoakWorker(SoakRig rig, long deadline, long seed, AtomicReferenceArray<QrCode> recent, Queue<SoakOp> ops,
      Queue<String> violations) {
    this.rig = rig;
    this.deadline = deadline;
    this.random = new SplittableRandom(seed);
    this.recent = recent;
    this.ops = ops;
    this.violations = violations;
  }

  @Override
  public void run() {
    while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
      int dice = random.nextInt(100);
      SoakOp.Kind kind = dice < 40 ? SoakOp.Kind.ISSUE_TEMPORARY : dice < 50 ? SoakOp.Kind.ISSUE_PERMANENT
          : dice < 70 ? SoakOp.Kind.DOWNLOAD : dice < 85 ? SoakOp.Kind.RESOLVE : SoakOp.Kind.LOOKUP;
      QrCode code = recent.get(random.nextInt(recent.length()));
      if (code == null && (kind == SoakOp.Kind.DOWNLOAD || kind == SoakOp.Kind.RESOLVE)) {
        kind = SoakOp.Kind.ISSUE_TEMPORARY;
      }
      long start = System.nanoTime();
      QrCodeException failure = null;
      try {
        perform(kind, code);
      } catch (QrCodeException e) {
        failure = e;
        if (e instanceof TicketNotFound && code != null && code.isValidAt(rig.clock.instant())) {
          violations.add("an image was refused for a code still valid: " + code.ticket());
        }
      } catch (RuntimeException e) {
        violations.add(kind + " ended in " + e + ", which is no domain exception");
      }
      ops.add(new SoakOp(kind, System.nanoTime() - start, failure));
    }
  }

  private void perform(SoakOp.Kind kind, QrCode code) {
    switch (kind) {
      case ISSUE_TEMPORARY -> {
        Instant before = rig.clock.instant();
        served(rig.service.temporary(scene(40), LIFETIMES.get(random.nextInt(LIFETIMES.size()))), before);
      }
      case ISSUE_PERMANENT -> served(rig.service.permanent(scene(20)), rig.clock.instant());
      case DOWNLOAD -> download(code);
      case RESOLVE -> resolve(code);
      case LOOKUP -> lookup(code);
    }
  }

  private SceneValue scene(int distinct) {
    int n = 1 + random.nextInt(distinct);
    return random.nextBoolean() ? SceneValue.of(n) : SceneValue.of("soak-" + n);
  }

  private void served(QrCode code, Instant before) {
    fresh(code, before, "QrCodeService");
    recent.set(random.nextInt(recent.length()), code);
  }

  /** Checks that a code handed out at some point after {@code before} had not expired at {@code before}. */
  private void fresh(QrCode code, Instant before, String how) {
    if (!code.isValidAt(before)) {
      violations.add(how + " served a code that had expired at " + code.expiresAt() + ", before " + before);
    }
  }

  private void download(QrCode code) {
    if (!code.isValidAt(rig.clock.instant().plusSeconds(1))) {
      lookup(code); // too close to its end to be worth a download
      return;
    }
    QrImage image = rig.service.image(code);
    if (image.size() == 0 || !image.contentType().startsWith("image/")) {
      violations.add("not an image: " + image);
    }
  }

  private void resolve(QrCode code) {
    if (!code.isValidAt(rig.clock.instant().plusSeconds(1))) {
      lookup(code); // WeChat pushes no scan of an expired code
      return;
    }
    String openId = "o-soak-" + USERS.incrementAndGet();
    PushResult pushed = rig.fake.scan(code.ticket(), openId);
    // On a loaded machine the push can take longer than the margin above: a code that expired before its
    // push was answered is rightly no longer found, and the scan still resolves by its event key.
    boolean validThroughout = code.isValidAt(rig.clock.instant());
    List<ResolvedScan> scans = rig.endpoint.scans.of(openId);
    if (pushed.status() != 200 || scans.size() != 1
        || validThroughout && scans.get(0).resolution() != ResolvedScan.Resolution.ISSUED_CODE
        || !scans.get(0).scene().equals(code.request().scene())) {
      violations.add("the scan of " + code.ticket() + " did not resolve to " + code.request().scene()
          + ": HTTP " + pushed.status() + ", " + scans);
    }
  }

  private void lookup(QrCode code) {
    Instant before = rig.clock.instant();
    if (code != null) {
      rig.store.findByTicket(code.ticket()).ifPresent(found -> fresh(found, before, "findByTicket"));
    }
    QrCodeRequest request = QrCodeRequest.temporary(scene(40), LIFETIMES.get(random.nextInt(LIFETIMES.size())));
    rig.store.findByRequest(request).ifPresent(found -> fresh(found, before, "findByRequest"));
  }
}
