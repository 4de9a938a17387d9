package io.github.wechatqr.it;

import io.github.wechatqr.cache.CacheMetrics;
import io.github.wechatqr.cache.CacheRuntime;
import io.github.wechatqr.cache.CaffeineAccessTokenStore;
import io.github.wechatqr.cache.CaffeineImageStore;
import io.github.wechatqr.cache.CaffeineQrCodeStore;
import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.AppId;
import io.github.wechatqr.domain.IssuedTicket;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.port.CreationLock;
import io.github.wechatqr.domain.port.QrImageStore;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.domain.service.ReusePolicy;
import io.github.wechatqr.domain.session.ScanSession;
import io.github.wechatqr.domain.session.ScanSessionRefused;
import io.github.wechatqr.domain.session.ScanSessionStore;
import io.github.wechatqr.domain.session.SessionListeners;
import io.github.wechatqr.domain.session.ScanSessions;
import io.github.wechatqr.domain.concurrent.SingleFlight;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.InProcessTokenSlot;
import io.github.wechatqr.domain.token.TokenKeeper;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.events.CallbackMessage;
import io.github.wechatqr.events.CallbackServer;
import io.github.wechatqr.events.JdkHttpCallback;
import io.github.wechatqr.events.PushInspector;
import io.github.wechatqr.events.WeChatCallbackHandler;
import io.github.wechatqr.feign.FeignQrCodeGateway;
import io.github.wechatqr.redis.RedisCreationLock;
import io.github.wechatqr.redis.RedisQrCodeStore;
import io.github.wechatqr.redis.RedisPushLedger;
import io.github.wechatqr.redis.RedisScanSessionStore;
import io.github.wechatqr.redis.RedisStoreSettings;
import io.github.wechatqr.redis.RedisStores;
import io.github.wechatqr.testkit.Callback;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.Push;
import io.github.wechatqr.testkit.SecretLedger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An instance of every public type of the library, built the way a host application builds them, with
 * the secrets in place and in use: the gateway has fetched a token, every token store holds one, the
 * callback handler has the token and EncodingAESKey, a scan has been resolved through it.
 */
final class LibrarySamples implements AutoCloseable {
  /** An access token value these samples hold; a made-up one. */
  static final String TOKEN_VALUE = "tokenValueHeldBySamplesNeverShown0123456789";

  final MutableClock clock = MutableClock.at("2026-07-01T00:00:00Z");
  final FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start();
  final List<Object> all = new ArrayList<>();
  private final ScanRecorder scans = new ScanRecorder();
  private final FeignQrCodeGateway gateway;
  private final CallbackServer callbackServer;
  private final RedisStores redis;
  private final RedisScanSessionStore redisSessions;

  LibrarySamples(String redisUri) {
    AccessToken token = new AccessToken(TOKEN_VALUE, clock.instant().plus(Duration.ofHours(2)));
    CacheRuntime runtime = CacheRuntime.sameThread(clock);
    AccessTokenStore.Factory tokenStores = CaffeineAccessTokenStore.factory(runtime, TokenPolicy.defaults());
    CaffeineAccessTokenStore tokens = (CaffeineAccessTokenStore) tokenStores.create(reason -> token);
    gateway = Gateways.against(fake, clock).tokenStore(tokenStores).build();
    CaffeineQrCodeStore codes = new CaffeineQrCodeStore(runtime, 1000);
    CaffeineImageStore images = new CaffeineImageStore(runtime, 1 << 20);
    QrCodeService service = new QrCodeService(gateway, codes, clock, ReusePolicy.halfLifetimeLeft(), images,
        CreationLock.local());
    QrCode code = service.temporary(SceneValue.of("login-7"), Duration.ofMinutes(10));
    service.image(code);
    QrCodeRequest request = code.request();

    redis = RedisStores.connect(redisUri, RedisStoreSettings.defaults().withKeyPrefix("it-samples"));
    AccessTokenStore redisTokens = redis.tokenStore(fake.appId(), clock, TokenPolicy.defaults()).create(reason -> token);
    redisTokens.get();
    tokens.get();
    RedisQrCodeStore redisCodes = redis.qrCodeStore(fake.appId(), clock);
    RedisCreationLock redisLock = redis.creationLock(fake.appId());
    redisCodes.save(code);
    redisSessions = redis.scanSessionStore(fake.appId(), clock);
    ScanSessions sessions = new ScanSessions(service, redisSessions, clock);
    ScanSession session = sessions.open(Duration.ofMinutes(5));
    RedisPushLedger ledger = redis.pushLedger(fake.appId());

    WeChatCallbackHandler.Builder handlerBuilder = WeChatCallbackHandler.builder()
        .token(SecretLedger.CALLBACK_TOKEN).encodingAesKey(SecretLedger.ENCODING_AES_KEY, fake.appId())
        .clock(clock).resolver(service).scanListener(scans).scanSessions(sessions).sharedDedup(ledger);
    WeChatCallbackHandler handler = handlerBuilder.build();
    callbackServer = CallbackServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "/wechat",
        handler, 1);
    fake.callback(Callback.safe(callbackServer.url(), SecretLedger.CALLBACK_TOKEN,
        SecretLedger.ENCODING_AES_KEY));
    Push push = fake.push(code.ticket(), "o-samples-2");
    fake.deliver(push);
    fake.deliver(fake.push(session.code().ticket(), "o-samples-3"));
    ScanSession scanned = sessions.await(session.id(), Duration.ofSeconds(10));

    all.addAll(List.of(token, tokens, gateway, codes, images, service, code, request, code.ticket(),
        code.request().scene(), SceneValue.of(7), AppId.of(fake.appId()),
        new IssuedTicket(new Ticket("gQH+sample/=="), "http://weixin.qq.com/q/x", Duration.ofMinutes(1)),
        service.image(code), images.find(code.ticket()).orElseThrow(), QrImageStore.none(), CreationLock.local(),
        runtime, CacheMetrics.of(tokens), redis, redisTokens, redisCodes, redisLock, redis.settings(),
        handlerBuilder, handler, callbackServer, new JdkHttpCallback(handler),
        handler.handle("GET", Map.of("signature", "0", "timestamp", "1", "nonce", "2", "echostr", "e"), null),
        new CallbackMessage("gh_account", "o-samples-1", clock.instant(), "text", null, null, "<xml/>"),
        FeignQrCodeGateway.builder().appId(fake.appId()).secret(fake.secret()).tokenStore(tokenStores),
        TokenPolicy.defaults(), TokenPolicy.builder(), inProcessTokens(token), new InProcessTokenSlot(),
        new SingleFlight<String, AccessToken>(), redisSessions, sessions, scanned, scanned.scan(), ledger,
        ScanSessionStore.Transition.applied(scanned), new SessionListeners(),
        new ScanSessionRefused(ScanSessionRefused.Reason.ALREADY_CONSUMED, scanned.shortId())));
    ResolvedScan scan = scans.of("o-samples-2").get(0);
    all.addAll(List.of(scan, scan.event(), PushInspector.read(push.body().getBytes(StandardCharsets.UTF_8),
        SecretLedger.ENCODING_AES_KEY, fake.appId())));
  }

  /** The domain's in-process store, holding {@code token}. */
  private AccessTokenStore inProcessTokens(AccessToken token) {
    AccessTokenStore store = TokenKeeper.inProcess(clock, TokenPolicy.defaults()).create(reason -> token);
    store.get();
    return store;
  }

  @Override
  public void close() {
    callbackServer.close();
    gateway.close();
    redisSessions.close();
    redis.close();
    fake.close();
  }
}
