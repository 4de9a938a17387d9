package io.github.wechatqr.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.cache.CaffeineQrCodeStore;
import io.github.wechatqr.domain.AccessTokenRejected;
import io.github.wechatqr.domain.CredentialsRejected;
import io.github.wechatqr.domain.InvalidCallback;
import io.github.wechatqr.domain.InvalidQrCodeRequest;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.QuotaExceeded;
import io.github.wechatqr.domain.ScanEvent;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.TicketNotFound;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.WeChatApiException;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.events.CallbackResponse;
import io.github.wechatqr.events.WeChatCallbackHandler;
import io.github.wechatqr.feign.FeignQrCodeGateway;
import io.github.wechatqr.redis.RedisStores;
import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.Fault;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.PushCrypto;
import io.github.wechatqr.testkit.SecretLedger;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every public type of the library (domain and adapters), built with its secrets in place, shows none of
 * them in {@code toString()}; every failure a secret takes part in (a wrong secret, a rejected token, a
 * Redis password, a wrong callback key, faults while a token is in use) names none of them in its message
 * or anywhere in its stack trace. The public types are found by reflection, so a new one without a
 * sample here fails the first test.
 */
@ExtendWith(SharedRedis.class)
class ToStringLeakTest {
  private static final String WRONG_SECRET = "WrongSecretNeverQuoted+/=0123";
  private static final String REDIS_PASSWORD = "RedisPassw0rdNeverQuoted";
  private static LibrarySamples samples;
  private static List<Throwable> failures;

  @BeforeAll
  static void build() {
    samples = new LibrarySamples(SharedRedis.uri());
    failures = failures();
  }

  @AfterAll
  static void close() {
    samples.close();
  }

  /** The secrets in play: fixed ones, those of this class, and every token this JVM's fakes issued. */
  private static SecretMatcher secrets() {
    Set<String> secrets = new LinkedHashSet<>(SecretLedger.fixedSecrets());
    secrets.addAll(List.of(LibrarySamples.TOKEN_VALUE, WRONG_SECRET, REDIS_PASSWORD));
    Set<String> issued = SecretLedger.read(Path.of(System.getProperty(SecretLedger.PROPERTY)));
    assertThat(issued).as("the tokens this JVM's fakes issued").isNotEmpty();
    secrets.addAll(issued);
    return new SecretMatcher(KnownSecrets.withEncodedForms(secrets));
  }

  private static List<Class<?>> libraryTypes() {
    return Stream.of(QrCode.class, FeignQrCodeGateway.class, CaffeineQrCodeStore.class,
            WeChatCallbackHandler.class, RedisStores.class)
        .flatMap(anchor -> PublicTypes.of(anchor).stream()).toList();
  }

  @Test
  void every_public_concrete_type_of_the_library_has_a_sample_built_with_its_secrets() {
    Set<Class<?>> sampled = new LinkedHashSet<>();
    samples.all.forEach(sample -> sampled.add(sample.getClass()));
    failures.forEach(failure -> sampled.add(failure.getClass()));

    List<Class<?>> concrete = libraryTypes().stream()
        .filter(type -> !type.isInterface() && !type.isEnum() && !Modifier.isAbstract(type.getModifiers()))
        .filter(type -> !staticOnly(type))
        .toList();
    assertThat(concrete).hasSizeGreaterThan(35).allSatisfy(type -> assertThat(sampled).as("samples").contains(type));
  }

  /** A holder of static methods (such as {@code PushInspector}) has no instance whose toString could leak. */
  private static boolean staticOnly(Class<?> type) {
    return java.util.Arrays.stream(type.getDeclaredConstructors()).allMatch(c -> Modifier.isPrivate(c.getModifiers()))
        && java.util.Arrays.stream(type.getDeclaredFields()).filter(f -> !f.isSynthetic())
            .allMatch(f -> Modifier.isStatic(f.getModifiers()))
        && java.util.Arrays.stream(type.getDeclaredMethods()).filter(m -> !m.isSynthetic())
            .allMatch(m -> Modifier.isStatic(m.getModifiers()));
  }

  @Test
  void no_public_type_shows_a_secret_in_its_to_string() {
    SecretMatcher matcher = secrets();
    List<Object> shown = new ArrayList<>(samples.all);
    libraryTypes().stream().filter(Class::isEnum).forEach(type -> shown.addAll(List.of(type.getEnumConstants())));

    assertThat(shown).hasSizeGreaterThan(30)
        .allSatisfy(sample -> assertThat(matcher.find(sample.toString())).as("%s", sample.getClass()).isEmpty());
  }

  @Test
  void failures_that_involve_a_secret_name_none_in_message_or_stack_trace() {
    SecretMatcher matcher = secrets();

    assertThat(failures).extracting(Object::getClass).contains(CredentialsRejected.class,
        AccessTokenRejected.class, UpstreamUnavailable.class, QuotaExceeded.class, TicketNotFound.class,
        WeChatApiException.class, InvalidQrCodeRequest.class, InvalidCallback.class, IllegalArgumentException.class);
    assertThat(failures).allSatisfy(failure -> assertThat(matcher.find(stackTrace(failure)))
        .as("%s", failure.getClass()).isEmpty());
    assertThat(refusedPushes()).allSatisfy(answer -> {
      assertThat(answer.isSuccess()).isFalse();
      assertThat(matcher.find(answer.body())).isEmpty();
    });
  }

  private static String stackTrace(Throwable failure) {
    StringWriter text = new StringWriter();
    failure.printStackTrace(new PrintWriter(text));
    return failure + "\n" + text;
  }

  /** Each failure a secret or a live token takes part in, as the library throws it. */
  private static List<Throwable> failures() {
    FakeWeChatServer fake = samples.fake;
    QrCodeRequest request = QrCodeRequest.temporary(SceneValue.of(42), Duration.ofMinutes(5));
    List<Throwable> failures = new ArrayList<>();
    try (FeignQrCodeGateway wrong = Gateways.against(fake, samples.clock).secret(WRONG_SECRET).build();
         FeignQrCodeGateway right = Gateways.against(fake, samples.clock).readTimeout(Duration.ofMillis(200)).build()) {
      failures.add(thrown(() -> wrong.issue(request)));
      right.issue(request); // holds a live token from here on
      for (Fault fault : List.of(Fault.errcode(40001), Fault.errcode(45009), Fault.errcode(-1), Fault.status(502),
          Fault.delay(Duration.ofMillis(400)), Fault.drop(), Fault.errcode(40097))) {
        fake.failNext(FakeWeChatServer.CREATE, fault, 3);
        failures.add(thrown(() -> right.issue(request)));
        fake.clearFaults();
      }
      failures.add(thrown(() -> right.download(new Ticket("gQH+unknown/ticket=="))));
    }
    failures.add(thrown(() -> FeignQrCodeGateway.builder().secret("with space " + WRONG_SECRET)));
    failures.add(thrown(() -> RedisStores.connect("redis://:" + REDIS_PASSWORD + "@127.0.0.1:1")));
    // Lettuce's own messages quote these URIs whole, password included; nothing here resolves a host name.
    failures.add(thrown(() -> RedisStores.connect("redis://:" + REDIS_PASSWORD + "@[::1")));
    failures.add(thrown(() -> RedisStores.connect("redis://:" + REDIS_PASSWORD + "@127.0.0.1:1/notadb")));
    failures.add(thrown(() -> WeChatCallbackHandler.builder().token(SecretLedger.CALLBACK_TOKEN)
        .encodingAesKey(SecretLedger.ENCODING_AES_KEY.substring(1), "wxapp").clock(samples.clock)
        .resolver(inMemoryService())
        .scanListener(scan -> { }).build()));
    failures.add(thrown(() -> SceneValue.of("\u0000" + SecretLedger.CALLBACK_TOKEN.substring(0, 3))));
    failures.add(thrown(() -> ScanEvent.fromPush("SCAN", "", "o", "gh", null,
        samples.clock.instant())));
    // The root type is thrown on its own only by an interrupted wait for an identical request.
    failures.add(new QrCodeException("interrupted while waiting for a concurrent identical request"));
    return failures;
  }

  /** Pushes the callback handler refuses: wrong signature, wrong key, wrong appid. */
  private static List<CallbackResponse> refusedPushes() {
    WeChatCallbackHandler handler = WeChatCallbackHandler.builder().token(SecretLedger.CALLBACK_TOKEN)
        .encodingAesKey(SecretLedger.ENCODING_AES_KEY, samples.fake.appId()).clock(samples.clock)
        .resolver(inMemoryService())
        .scanListener(scan -> { }).build();
    String timestamp = Long.toString(samples.clock.instant().getEpochSecond());
    String otherKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    String encrypted = new PushCrypto(otherKey).encrypt("<xml><MsgType>text</MsgType></xml>", "wxother");
    String body = "<xml><ToUserName><![CDATA[gh]]></ToUserName><Encrypt><![CDATA[" + encrypted + "]]></Encrypt></xml>";
    String signed = PushCrypto.signature(SecretLedger.CALLBACK_TOKEN, timestamp, "7", encrypted);
    return List.of(
        handler.handle("POST", Map.of("signature", "0", "timestamp", timestamp, "nonce", "7",
            "encrypt_type", "aes", "msg_signature", "0".repeat(40)), body.getBytes()),
        handler.handle("POST", Map.of("signature", PushCrypto.signature(SecretLedger.CALLBACK_TOKEN, timestamp, "7"),
            "timestamp", timestamp, "nonce", "7", "encrypt_type", "aes", "msg_signature", signed), body.getBytes()),
        handler.handle("GET", Map.of("signature", "1", "timestamp", timestamp, "nonce", "7", "echostr",
            SecretLedger.CALLBACK_TOKEN), null));
  }

  private static QrCodeService inMemoryService() {
    return new QrCodeService(new InMemoryQrCodeGateway(samples.clock), new InMemoryQrCodeStore(samples.clock),
        samples.clock);
  }

  private static Throwable thrown(Runnable call) {
    try {
      call.run();
    } catch (QrCodeException | IllegalArgumentException | IllegalStateException e) {
      return e;
    }
    throw new AssertionError("a failure was expected");
  }
}
