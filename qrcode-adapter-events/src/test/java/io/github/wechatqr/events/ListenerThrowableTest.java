package io.github.wechatqr.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.port.QrCodeStore;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, point 5: whatever a listener throws — an {@link Error}, a checked exception thrown sneakily —
 * is answered 500 (WeChat delivers the push again), logged, and leaves the worker serving.
 */
class ListenerThrowableTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final Recorder recorder = new Recorder();
  private final QrCodeService qrcodes =
      new QrCodeService(new InMemoryQrCodeGateway(clock), new InMemoryQrCodeStore(clock), clock);

  /** Throws any throwable without declaring it, as Lombok's {@code @SneakyThrows} or a Kotlin listener can. */
  @SuppressWarnings("unchecked")
  static <T extends Throwable> RuntimeException sneaky(Throwable throwable) throws T {
    throw (T) throwable;
  }

  /** A scan listener that throws {@code failure} the first {@code times} calls, then records. */
  private ScanListener failing(Supplier<Throwable> failure, int times) {
    AtomicInteger left = new AtomicInteger(times);
    return scan -> {
      if (left.getAndDecrement() > 0) {
        throw sneaky(failure.get());
      }
      recorder.onScan(scan);
    };
  }

  private String scanXml(String openId) {
    return SignedRequest.scanXml("SCAN", "42", "t", clock.instant().getEpochSecond(), openId);
  }

  private static String log() throws IOException {
    return Files.readString(Path.of(System.getProperty("org.slf4j.simpleLogger.logFile")), StandardCharsets.UTF_8);
  }

  @Test
  void an_error_from_the_listener_is_a_500_with_a_log_line_and_the_redelivery_is_handled() throws IOException {
    WeChatCallbackHandler handler = WeChatCallbackHandler.builder().token(SignedRequest.TOKEN).clock(clock)
        .resolver(qrcodes).scanListener(failing(() -> new StackOverflowError("error-marker-5a"), 1)).build();
    SignedRequest push = SignedRequest.plain(clock, scanXml("o_error"));

    assertThat(push.postTo(handler)).isEqualTo(
        new CallbackResponse(500, "the listener failed; WeChat will deliver the push again"));
    assertThat(push.postTo(handler)).isEqualTo(CallbackResponse.success());
    assertThat(recorder.scans).hasSize(1);
    assertThat(log()).contains("the listener failed").contains("java.lang.StackOverflowError: error-marker-5a");
  }

  @Test
  void a_sneakily_thrown_checked_exception_is_a_500_with_a_log_line_too() throws IOException {
    WeChatCallbackHandler handler = WeChatCallbackHandler.builder().token(SignedRequest.TOKEN).clock(clock)
        .resolver(qrcodes).scanListener(failing(() -> new IOException("checked-marker-5b"), 1)).build();
    SignedRequest push = SignedRequest.plain(clock, scanXml("o_checked"));

    assertThat(push.postTo(handler).status()).isEqualTo(500);
    assertThat(push.postTo(handler).status()).isEqualTo(200);
    assertThat(recorder.scans).hasSize(1);
    assertThat(log()).contains("java.io.IOException: checked-marker-5b");
  }

  @Test
  void a_fallback_listener_that_throws_an_error_is_a_500_as_well() {
    AtomicInteger calls = new AtomicInteger();
    WeChatCallbackHandler handler = WeChatCallbackHandler.builder().token(SignedRequest.TOKEN).clock(clock)
        .resolver(qrcodes).scanListener(recorder).fallbackListener(message -> {
          if (calls.incrementAndGet() == 1) {
            throw new LinkageError("fallback-marker-5c");
          }
        }).build();
    SignedRequest push = SignedRequest.plain(clock, scanXml("o_text").replace("[event]", "[text]"));

    assertThat(push.postTo(handler).status()).isEqualTo(500);
    assertThat(push.postTo(handler).status()).isEqualTo(200);
    assertThat(calls).hasValue(2);
  }

  @Test
  void a_resolver_whose_store_throws_an_error_is_a_503_and_the_redelivery_is_handled() {
    AtomicInteger lookups = new AtomicInteger();
    QrCodeStore broken = new QrCodeStore() {
      @Override
      public Optional<QrCode> findByRequest(QrCodeRequest request) {
        return Optional.empty();
      }

      @Override
      public Optional<QrCode> findByTicket(Ticket ticket) {
        if (lookups.incrementAndGet() == 1) {
          throw new NoClassDefFoundError("store-marker-5d");
        }
        return Optional.empty();
      }

      @Override
      public void save(QrCode code) {
        // nothing is issued here
      }
    };
    WeChatCallbackHandler handler = WeChatCallbackHandler.builder().token(SignedRequest.TOKEN).clock(clock)
        .resolver(new QrCodeService(new InMemoryQrCodeGateway(clock), broken, clock)).scanListener(recorder).build();
    SignedRequest push = SignedRequest.plain(clock, scanXml("o_store"));

    assertThat(push.postTo(handler).status()).isEqualTo(503);
    assertThat(push.postTo(handler).status()).isEqualTo(200);
    assertThat(recorder.scans).hasSize(1);
  }

  @Test
  void over_http_the_one_worker_answers_500_to_an_error_and_goes_on_serving() throws IOException {
    WeChatCallbackHandler handler = WeChatCallbackHandler.builder().token(SignedRequest.TOKEN).clock(clock)
        .resolver(qrcodes).scanListener(failing(() -> new OutOfMemoryError("oom-marker-5e"), 2)).build();
    try (CallbackServer server = CallbackServer.start(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "/wechat", handler, 1)) {
      for (int expected : new int[] {500, 500, 200, 200}) {
        SignedRequest push = SignedRequest.plain(clock, scanXml("o_http"));
        RawHttp.Answer answer = RawHttp.exchange(server.url(),
            RawHttp.request("POST", "/wechat?" + RawHttp.query(push.query()), push.body()));
        assertThat(answer.status()).isEqualTo(expected);
      }
    }
    assertThat(recorder.scans).hasSize(1);
  }
}
