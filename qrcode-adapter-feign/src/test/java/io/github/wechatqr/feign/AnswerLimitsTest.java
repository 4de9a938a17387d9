package io.github.wechatqr.feign;

import static io.github.wechatqr.testkit.FakeWeChatServer.CREATE;
import static io.github.wechatqr.testkit.FakeWeChatServer.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.testkit.MutableClock;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Answers are read into memory under a cap: 16 KiB of JSON, {@code maxImageBytes} of image. A declared
 * length over the cap fails before the body is read; a body without a length fails once it passes the cap.
 * Either way fast, not retried, and the connection is closed, never pooled.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AnswerLimitsTest {
  private static final int CAP = 64 * 1024;
  /** Far below the read timeout: the failures here must not wait for it. */
  private static final long FAST_MILLIS = 1500;

  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");

  private FeignQrCodeGateway gateway(URI base) {
    return FeignQrCodeGateway.builder().appId("wxlimits00000001").secret(TestGateways.ledgered("limits-secret-0123456789"))
        .apiBase(base).mpBase(base).clock(clock).maxImageBytes(CAP).tokenMode(TokenMode.CLASSIC)
        .connectTimeout(Duration.ofSeconds(1)).readTimeout(Duration.ofSeconds(5))
        .backoff(Duration.ofMillis(1), Duration.ofMillis(2)).sleeper(new TestGateways.RecordingSleeper(clock))
        .build();
  }

  private static long millisSince(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  private static void assertNothingLeaked(FeignQrCodeGateway gateway, RawServer server) throws InterruptedException {
    assertThat(gateway.transport().stats().getLeased()).as("leased").isZero();
    assertThat(gateway.transport().stats().getAvailable()).as("pooled").isZero();
    assertThat(server.awaitClientClose(Duration.ofSeconds(5))).as("the client closed the connection").isTrue();
  }

  @Test
  void a_content_length_over_the_image_cap_fails_at_once_without_reading_the_body() throws Exception {
    try (RawServer server = new RawServer((request, out) -> {
          out.write(RawServer.ascii("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: 104857600\r\n\r\n"));
          out.write(new byte[100]);
          out.flush();
          return false; // the rest never comes
        });
        FeignQrCodeGateway gateway = gateway(server.baseUri())) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> gateway.download(new Ticket("huge")))
          .isExactlyInstanceOf(UpstreamUnavailable.class).hasNoCause()
          .hasMessage("GET /cgi-bin/showqrcode: answer larger than " + CAP + " bytes (attempt 1 of 3)");
      assertThat(millisSince(start)).isLessThan(FAST_MILLIS);
      assertThat(server.received()).as("not retried").hasSize(1);
      assertNothingLeaked(gateway, server);
    }
  }

  @Test
  void an_endless_chunked_body_fails_as_soon_as_it_passes_the_cap() throws Exception {
    byte[] chunk = new byte[4096];
    try (RawServer server = new RawServer((request, out) -> {
          out.write(RawServer.ascii("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nTransfer-Encoding: chunked\r\n\r\n"));
          long giveUp = System.nanoTime() + RawServer.MAX_SCRIPT.toNanos();
          while (System.nanoTime() < giveUp) { // until the client hangs up
            out.write(RawServer.ascii(Integer.toHexString(chunk.length) + "\r\n"));
            out.write(chunk);
            out.write(RawServer.ascii("\r\n"));
            out.flush();
          }
          return false;
        });
        FeignQrCodeGateway gateway = gateway(server.baseUri())) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> gateway.download(new Ticket("endless")))
          .isExactlyInstanceOf(UpstreamUnavailable.class)
          .hasMessage("GET /cgi-bin/showqrcode: answer larger than " + CAP + " bytes (attempt 1 of 3)");
      assertThat(millisSince(start)).isLessThan(FAST_MILLIS);
      assertThat(server.received()).hasSize(1);
      assertNothingLeaked(gateway, server);
    }
  }

  @Test
  void a_json_answer_over_16_kib_is_refused_before_it_is_read() throws Exception {
    byte[] padded = ("{\"ticket\":\"" + "x".repeat(20_000) + "\",\"url\":\"u\"}").getBytes(StandardCharsets.UTF_8);
    try (RawServer server = new RawServer((request, out) -> request.path().equals(TOKEN)
            ? RawServer.answer(out, 200, "application/json",
                RawServer.ascii("{\"access_token\":\"" + TestGateways.ledgered("limits-access-token-1")
                    + "\",\"expires_in\":7200}"))
            : RawServer.answer(out, 200, "application/json", padded));
        FeignQrCodeGateway gateway = gateway(server.baseUri())) {
      assertThatThrownBy(() -> gateway.issue(QrCodeRequest.temporary(SceneValue.of(1), Duration.ofHours(1))))
          .isExactlyInstanceOf(UpstreamUnavailable.class)
          .hasMessage("POST /cgi-bin/qrcode/create: answer larger than " + FeignWiring.MAX_JSON_BYTES
              + " bytes (attempt 1 of 3)");
      assertThat(server.received()).extracting(RawServer.Received::path).containsExactly(TOKEN, CREATE);
      assertThat(gateway.transport().stats().getLeased()).isZero();
    }
  }

  @Test
  void images_up_to_the_cap_are_read_whole_with_or_without_a_length_and_the_connection_reused() throws Exception {
    byte[] image = new byte[CAP];
    Arrays.fill(image, (byte) 7);
    image[0] = (byte) 0xFF;
    try (RawServer server = new RawServer((request, out) -> request.requestLine().contains("chunked")
            ? chunked(out, image, 1000)
            : RawServer.answer(out, 200, "image/jpeg", image));
        FeignQrCodeGateway gateway = gateway(server.baseUri())) {
      QrImage declared = gateway.download(new Ticket("declared"));
      QrImage chunked = gateway.download(new Ticket("chunked"));
      assertThat(declared.bytes()).isEqualTo(image);
      assertThat(chunked.bytes()).isEqualTo(image);
      assertThat(server.connections()).as("both answers read to their end: one connection").isEqualTo(1);
      assertThat(gateway.transport().stats().getAvailable()).isEqualTo(1);
    }
  }

  private static boolean chunked(OutputStream out, byte[] body, int size) throws java.io.IOException {
    out.write(RawServer.ascii("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nTransfer-Encoding: chunked\r\n\r\n"));
    for (int at = 0; at < body.length; at += size) {
      int n = Math.min(size, body.length - at);
      out.write(RawServer.ascii(Integer.toHexString(n) + "\r\n"));
      out.write(body, at, n);
      out.write(RawServer.ascii("\r\n"));
    }
    out.write(RawServer.ascii("0\r\n\r\n"));
    out.flush();
    return true;
  }

  @Test
  void the_cap_is_a_builder_setting_checked_at_once() {
    assertThatThrownBy(() -> FeignQrCodeGateway.builder().maxImageBytes(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxImageBytes must be in 1..67108864, was 0");
    assertThatThrownBy(() -> FeignQrCodeGateway.builder().maxImageBytes(64 * 1024 * 1024 + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
