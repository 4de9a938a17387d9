package io.github.wechatqr.domain.service;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.domain.ResolvedScan.Resolution;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.TicketNotFound;
import io.github.wechatqr.domain.concurrent.SingleFlight;
import io.github.wechatqr.domain.port.CreationLock;
import io.github.wechatqr.domain.port.QrCodeGateway;
import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.port.QrImageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Issues parametric QR codes, reuses them while they stay valid long enough, keeps their images, and tells
 * which scene a scan was. Thread-safe; concurrent identical requests share one upstream call, and a
 * {@link CreationLock} shared by several processes makes that one call for the whole cluster.
 *
 * <pre>{@code
 * QrCodeService qrcodes = new QrCodeService(gateway, store, Clock.systemUTC());
 * QrCode login = qrcodes.temporary(SceneValue.of("session-42"), Duration.ofMinutes(10));
 * QrImage jpeg = qrcodes.image(login);
 * }</pre>
 */
public final class QrCodeService {
  private final QrCodeGateway gateway;
  private final QrCodeStore store;
  private final Clock clock;
  private final ReusePolicy reusePolicy;
  private final QrImageStore images;
  private final CreationLock creationLock;
  private final SingleFlight<QrCodeRequest, QrCode> flights;

  /**
   * Makes the service with the default {@link ReusePolicy#halfLifetimeLeft()}, no image store and the
   * in-process creation lock.
   *
   * @param gateway the WeChat service
   * @param store where codes are kept
   * @param clock the only source of time
   */
  public QrCodeService(QrCodeGateway gateway, QrCodeStore store, Clock clock) {
    this(gateway, store, clock, ReusePolicy.halfLifetimeLeft());
  }

  /**
   * Makes the service with a reuse policy, no image store ({@link QrImageStore#none()}: every
   * {@link #image} downloads) and the in-process creation lock ({@link CreationLock#local()}).
   *
   * @param gateway the WeChat service
   * @param store where codes are kept
   * @param clock the only source of time
   * @param reusePolicy when a stored temporary code may be handed out again
   */
  public QrCodeService(QrCodeGateway gateway, QrCodeStore store, Clock clock, ReusePolicy reusePolicy) {
    this(gateway, store, clock, reusePolicy, QrImageStore.none(), CreationLock.local());
  }

  /**
   * Makes the service with every part named.
   *
   * @param gateway the WeChat service
   * @param store where codes are kept
   * @param clock the only source of time
   * @param reusePolicy when a stored temporary code may be handed out again
   * @param images where downloaded images are kept; {@link QrImageStore#none()} keeps none
   * @param creationLock held around each creation; {@link CreationLock#local()} for a single process, a
   *     shared one (e.g. Redis) when several processes share {@code store}
   */
  public QrCodeService(QrCodeGateway gateway, QrCodeStore store, Clock clock, ReusePolicy reusePolicy,
      QrImageStore images, CreationLock creationLock) {
    this(gateway, store, clock, reusePolicy, images, creationLock, new SingleFlight<>());
  }

  QrCodeService(QrCodeGateway gateway, QrCodeStore store, Clock clock, ReusePolicy reusePolicy,
      QrImageStore images, CreationLock creationLock, SingleFlight<QrCodeRequest, QrCode> flights) {
    this.flights = flights;
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.reusePolicy = Objects.requireNonNull(reusePolicy, "reusePolicy");
    this.images = Objects.requireNonNull(images, "images");
    this.creationLock = Objects.requireNonNull(creationLock, "creationLock");
  }

  /**
   * Gives a temporary code for a scene.
   *
   * @param scene the scene value
   * @param lifetime whole seconds, 1 s .. 30 days
   * @return a temporary code, reused when the policy allows
   * @throws io.github.wechatqr.domain.InvalidQrCodeRequest before any network call, if a rule is broken
   */
  public QrCode temporary(SceneValue scene, Duration lifetime) {
    return obtain(QrCodeRequest.temporary(scene, lifetime));
  }

  /**
   * Gives the permanent code of a scene.
   *
   * @param scene the scene value; a {@code scene_id} must be in 1..100000
   * @return the permanent code for the scene, created once and then always served from the store
   * @throws io.github.wechatqr.domain.InvalidQrCodeRequest before any network call, if a rule is broken
   */
  public QrCode permanent(SceneValue scene) {
    return obtain(QrCodeRequest.permanent(scene));
  }

  /**
   * Gives a code for a request: a stored one the policy allows to reuse, or a new one.
   *
   * @param request a request
   * @return a stored code that may be reused, or a new one, created once however many callers ask at once
   */
  public QrCode obtain(QrCodeRequest request) {
    Objects.requireNonNull(request, "request");
    // The hit path allocates no lambda or Optional of its own: it runs for every cached hit.
    QrCode stored = reusable(request);
    return stored != null ? stored : createOnce(request);
  }

  private QrCode createOnce(QrCodeRequest request) {
    return flights.run(request, () -> creationLock.whileCreating(request, () -> {
      QrCode stored = reusable(request);
      return stored != null ? stored : create(request);
    }));
  }

  /**
   * Gives the image of a code, from the image store when it is kept there, else from WeChat. A downloaded
   * image is kept until the earlier of the code's expiry and the {@code max-age} WeChat sent, counted from
   * the moment it was asked for (the conservative end); a permanent code's image sent without
   * {@code max-age} is kept with no time bound.
   *
   * @param code a code
   * @return its image
   * @throws TicketNotFound without a network call if the code has already expired, or if WeChat has no
   *     image for it
   */
  public QrImage image(QrCode code) {
    Instant askedAt = clock.instant();
    if (!code.isValidAt(askedAt)) {
      throw new TicketNotFound(code.ticket(), "the code expired at " + code.expiresAt());
    }
    Optional<QrImage> kept = images.find(code.ticket());
    if (kept.isPresent()) {
      return kept.get();
    }
    QrImage image = gateway.download(code.ticket());
    Instant until = keepUntil(code, image, askedAt);
    if (until == null || until.isAfter(askedAt)) { // max-age=0 asks not to keep it at all
      images.keep(code.ticket(), image, until);
    }
    return image;
  }

  /** @return the earlier of the code's expiry and {@code max-age} from {@code askedAt}; null if neither applies */
  private static Instant keepUntil(QrCode code, QrImage image, Instant askedAt) {
    Instant until = code.expiresAt();
    if (image.maxAge() != null && !beyondInstants(askedAt, image.maxAge())) {
      Instant byAge = askedAt.plus(image.maxAge());
      until = until == null || byAge.isBefore(until) ? byAge : until;
    }
    return until;
  }

  /** A {@code max-age} that reaches past {@link Instant#MAX} bounds nothing (and must not throw). */
  private static boolean beyondInstants(Instant from, Duration age) {
    return age.compareTo(Duration.between(from, Instant.MAX)) > 0;
  }

  /**
   * Types the scene of a scan: exactly, from the stored code, when the ticket is one this library issued
   * (and its scene matches the EventKey); otherwise from the EventKey alone, see
   * {@link ScanEvent#inferredScene()}. The result says which way it went.
   *
   * @param event a scan
   * @return the scan with its scene
   */
  public ResolvedScan resolve(ScanEvent event) {
    Optional<QrCode> issued = Optional.ofNullable(event.ticket())
        .flatMap(store::findByTicket)
        .filter(code -> code.request().scene().text().equals(event.sceneKey()));
    return issued
        .map(code -> new ResolvedScan(event, code.request().scene(), Resolution.ISSUED_CODE, code))
        .orElseGet(() -> new ResolvedScan(event, event.inferredScene(), Resolution.EVENT_KEY, null));
  }

  /** @return the stored code for the request if it may be handed out, else null */
  private QrCode reusable(QrCodeRequest request) {
    Instant now = clock.instant();
    Optional<QrCode> found = store.findByRequest(request, now);
    if (found.isEmpty()) {
      return null;
    }
    QrCode code = found.get();
    return code.isValidAt(now) && (code.request().isPermanent() || reusePolicy.reusable(code, now)) ? code : null;
  }

  private QrCode create(QrCodeRequest request) {
    Instant issuedAt = clock.instant();
    QrCode code = QrCode.issued(request, gateway.issue(request), issuedAt);
    store.save(code);
    return code;
  }
}
