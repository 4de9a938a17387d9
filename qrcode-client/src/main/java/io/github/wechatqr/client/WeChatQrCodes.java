package io.github.wechatqr.client;

import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.feign.FeignQrCodeGateway;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WeChat parametric QR codes, wired and ready: the composition root for plain Java applications.
 * {@link #builder()} puts the Feign gateway ({@code stable_token}), an in-process Caffeine token store that
 * refreshes ahead of expiry, a Caffeine code store and an image cache together on one clock, or shares
 * token, codes and the creation lock through Redis with {@link WeChatQrCodesBuilder#redis}.
 *
 * <pre>{@code
 * try (WeChatQrCodes wechat = WeChatQrCodes.builder()
 *     .appId("wx1234567890abcdef")
 *     .secret(System.getenv("WECHAT_SECRET"))
 *     .build()) {
 *   QrCodeService qrcodes = wechat.service();
 *   QrCode login = qrcodes.temporary(SceneValue.of("session-42"), Duration.ofMinutes(10));
 *   QrImage image = qrcodes.image(login);                 // downloaded once, then from memory
 *   String link = WeChatQrCodes.imageUrl(login.ticket());  // or the showqrcode link, no credentials
 * }
 * }</pre>
 *
 * <p>{@link WeChatQrCodesBuilder#build()} returns this holder rather than the {@link QrCodeService} itself because the
 * wiring owns resources that must be released: the gateway's HTTP connection pool and its idle-connection
 * thread. {@code QrCodeService} is the domain's use case, pure Java with no lifecycle; giving it a close
 * hook would make the domain know about an adapter's threads. So the service is {@link #service()}, and
 * {@link #close()} (or try-with-resources) ends what {@link WeChatQrCodesBuilder#build()} opened. Thread-safe; build one
 * per account and share it.
 */
public final class WeChatQrCodes implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WeChatQrCodes.class);

  private final QrCodeService service;
  private final List<AutoCloseable> owned;
  private final String description;

  WeChatQrCodes(QrCodeService service, List<AutoCloseable> owned, String description) {
    this.service = service;
    this.owned = List.copyOf(owned);
    this.description = description;
  }

  /**
   * Starts a configuration; {@code appId} and {@code secret} are required, everything else has a default.
   *
   * @return a new builder
   */
  public static WeChatQrCodesBuilder builder() {
    return new WeChatQrCodesBuilder();
  }

  /**
   * The use case: temporary and permanent codes, their images, and the scenes of scans.
   *
   * @return the service, the same instance on every call
   */
  public QrCodeService service() {
    return service;
  }

  /**
   * The {@code showqrcode} link of a ticket on WeChat's own mp host, for a browser or an {@code <img>}:
   * the ticket URL-encoded once and no access token. Needs no credentials and no instance.
   *
   * @param ticket the ticket of a code
   * @return e.g. {@code https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=gQH%2B...%3D%3D}
   * @throws io.github.wechatqr.domain.InvalidQrCodeRequest if {@code ticket} is null
   */
  public static String imageUrl(Ticket ticket) {
    return imageUrl(URI.create(FeignQrCodeGateway.DEFAULT_MP_BASE), ticket);
  }

  /**
   * The {@code showqrcode} link of a ticket on another mp base (a proxy, the testkit's fake).
   *
   * @param mpBase where showqrcode lives
   * @param ticket the ticket of a code
   * @return the link, the ticket URL-encoded once and no access token
   * @throws IllegalArgumentException if {@code mpBase} is not a plain http or https address
   * @throws io.github.wechatqr.domain.InvalidQrCodeRequest if {@code ticket} is null
   */
  public static String imageUrl(URI mpBase, Ticket ticket) {
    return FeignQrCodeGateway.showQrCodeUrl(mpBase, ticket);
  }

  /**
   * Closes what {@link WeChatQrCodesBuilder#build()} opened: the gateway's HTTP connections and thread. Parts handed to
   * the builder ({@link WeChatQrCodesBuilder#redis}, {@link WeChatQrCodesBuilder#store}, ...) stay open: their owner closes them.
   * Idempotent.
   */
  @Override
  public void close() {
    for (AutoCloseable part : owned) {
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", part.getClass().getSimpleName(), e.getClass().getSimpleName());
      }
    }
  }

  /** Names the parts; never a secret. */
  @Override
  public String toString() {
    return description;
  }

  static <T> T present(String name, T value) {
    return Objects.requireNonNull(value, () -> name + " must not be null");
  }
}
