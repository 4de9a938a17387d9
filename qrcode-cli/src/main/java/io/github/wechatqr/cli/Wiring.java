package io.github.wechatqr.cli;

import io.github.wechatqr.client.WeChatQrCodes;
import io.github.wechatqr.client.WeChatQrCodesBuilder;
import io.github.wechatqr.domain.IssuedTicket;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.port.QrCodeGateway;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.feign.FeignQrCodeGateway;
import io.github.wechatqr.feign.TokenMode;
import io.github.wechatqr.redis.RedisStores;
import java.net.URI;
import java.time.Clock;

/**
 * Builds what a command needs from the options, through {@link WeChatQrCodes}: for commands that create
 * codes the whole wiring (gateway, stores; with {@code --redis} token, codes and creation lock shared through
 * Redis); for commands that resolve scans the stores alone, behind a gateway that makes no call (resolving
 * needs none, so no credentials are asked for); for {@code image} the gateway's download of a ticket.
 * Closing it closes what it opened.
 */
final class Wiring implements AutoCloseable {
  private final WeChatQrCodes wechat;
  private final FeignQrCodeGateway downloads;
  private final RedisStores redis;
  private final URI mpBase;

  private Wiring(WeChatQrCodes wechat, FeignQrCodeGateway downloads, RedisStores redis, URI mpBase) {
    this.wechat = wechat;
    this.downloads = downloads;
    this.redis = redis;
    this.mpBase = mpBase;
  }

  /** For commands that create codes: credentials required. */
  static Wiring forCreating(WeChatOptions options, Clock clock) {
    String appId = options.requireAppId();
    String secret = options.requireSecret();
    return withStores(options, clock, builder -> builder.appId(appId).secret(secret)
        .apiBase(options.apiBase).mpBase(options.mpBase)
        .tokenMode(options.classicToken ? TokenMode.CLASSIC : TokenMode.STABLE));
  }

  /** For commands that resolve scans of stored codes: the stores, no credentials and no WeChat call. */
  static Wiring forResolving(WeChatOptions options, Clock clock) {
    return withStores(options, clock, builder -> {
      builder.gateway(NO_CALLS);
      if (options.redis != null) {
        builder.appId(options.requireAppId()); // the account's keys
      }
    });
  }

  /** For {@code image}: showqrcode needs no credentials, the Feign gateway asks for some and never sends them there. */
  static Wiring forImages(WeChatOptions options, Clock clock) {
    FeignQrCodeGateway gateway = FeignQrCodeGateway.builder().appId(UNUSED).secret(UNUSED)
        .apiBase(options.apiBase).mpBase(options.mpBase).clock(clock).build();
    return new Wiring(null, gateway, null, options.mpBase);
  }

  private static Wiring withStores(WeChatOptions options, Clock clock,
      java.util.function.Consumer<WeChatQrCodesBuilder> configuration) {
    WeChatQrCodesBuilder builder = WeChatQrCodes.builder().clock(clock)
        .imageCacheBytes(0); // one command, each image fetched once: nothing to keep
    configuration.accept(builder);
    RedisStores redis = options.redis != null ? RedisStores.connect(options.redis.toString()) : null;
    try {
      if (redis != null) {
        builder.redis(redis); // with --redis, several machines running a batch make one create per scene
      }
      return new Wiring(builder.build(), null, redis, options.mpBase);
    } catch (RuntimeException e) {
      if (redis != null) {
        redis.close();
      }
      throw e;
    }
  }

  /** @return the service; not for a wiring {@link #forImages} */
  QrCodeService service() {
    if (wechat == null) {
      throw new IllegalStateException("a wiring for images has no code store");
    }
    return wechat.service();
  }

  /** @return the showqrcode link of a ticket at {@code --mp-base} */
  String imageUrl(Ticket ticket) {
    return WeChatQrCodes.imageUrl(mpBase, ticket);
  }

  /** @return the image of a ticket; only a wiring {@link #forImages} */
  QrImage download(Ticket ticket) {
    if (downloads == null) {
      throw new IllegalStateException("only a wiring for images downloads by ticket");
    }
    return downloads.download(ticket);
  }

  @Override
  public void close() {
    if (wechat != null) {
      wechat.close();
    }
    if (downloads != null) {
      downloads.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  private static final String UNUSED = "unused";

  /** Resolving a scan reads the stores only; a call to WeChat from there would be a bug. */
  private static final QrCodeGateway NO_CALLS = new QrCodeGateway() {
    @Override
    public IssuedTicket issue(QrCodeRequest request) {
      throw new IllegalStateException("resolving scans makes no WeChat call");
    }

    @Override
    public QrImage download(Ticket ticket) {
      throw new IllegalStateException("resolving scans makes no WeChat call");
    }
  };
}
