package io.github.wechatqr.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.ResolvedScan;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.events.CallbackResponse;
import io.github.wechatqr.events.WeChatCallbackHandler;
import io.github.wechatqr.testkit.InMemoryQrCodeGateway;
import io.github.wechatqr.testkit.InMemoryQrCodeStore;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.PushCrypto;
import jakarta.servlet.ServletInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.DelegatingServletInputStream;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class CallbackEndpointTest {
  private static final String TOKEN = "endpointToken";
  private final MutableClock clock = MutableClock.at("2026-05-01T08:00:00Z");
  private final List<ResolvedScan> scans = new CopyOnWriteArrayList<>();
  private final WeChatCallbackHandler handler = WeChatCallbackHandler.builder().token(TOKEN).clock(clock)
      .resolver(new QrCodeService(new InMemoryQrCodeGateway(clock), new InMemoryQrCodeStore(clock), clock))
      .scanListener(scans::add).maxBodyBytes(1024).build();
  private final CallbackEndpoint endpoint = new CallbackEndpoint(handler);
  private final String timestamp = Long.toString(clock.instant().getEpochSecond());

  @Test
  void a_verification_get_is_answered_with_the_echostr_as_utf8_plain_text() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/wechat/callback");
    request.setQueryString("signature=" + PushCrypto.signature(TOKEN, timestamp, "42") + "&timestamp=" + timestamp
        + "&nonce=42&echostr=%E4%BD%A0%E5%A5%BD+1");
    MockHttpServletResponse response = new MockHttpServletResponse();

    endpoint.handleRequest(request, response);

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContentType()).isEqualTo(CallbackResponse.CONTENT_TYPE);
    assertThat(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo("你好 1"); // decoded, then echoed
    assertThat(response.getContentLength()).isEqualTo("你好 1".getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void a_push_with_a_wrong_signature_gets_the_handlers_refusal() throws Exception {
    MockHttpServletRequest request = post("signature=deadbeef&timestamp=" + timestamp + "&nonce=1", "<xml></xml>");
    MockHttpServletResponse response = new MockHttpServletResponse();

    endpoint.handleRequest(request, response);

    assertThat(response.getStatus()).isEqualTo(403);
    assertThat(response.getContentAsString()).contains("signature");
    assertThat(scans).isEmpty();
  }

  @Test
  void a_malformed_query_string_is_a_400() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();

    endpoint.handleRequest(post("signature=%zz", "<xml/>"), response);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentAsString()).isEqualTo("malformed query string");
  }

  @Test
  void a_declared_length_above_the_limit_gets_the_handlers_413_without_a_byte_read() throws Exception {
    MockHttpServletRequest request = post(signed(), "x".repeat(5000)); // declares Content-Length: 5000
    MockHttpServletResponse response = new MockHttpServletResponse();

    endpoint.handleRequest(request, response);

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(response.getContentAsString()).isEqualTo(handler.handle("POST", Map.of(), new byte[1025]).body());
    assertThat(response.getContentType()).isEqualTo(CallbackResponse.CONTENT_TYPE);
    assertThat(request.getInputStream().readAllBytes()).hasSize(5000); // untouched
  }

  @Test
  void a_body_of_undeclared_length_is_read_only_one_byte_past_the_handlers_limit() throws Exception {
    MockHttpServletRequest request = undeclared(post(signed(), "x".repeat(5000)));
    MockHttpServletResponse response = new MockHttpServletResponse();

    endpoint.handleRequest(request, response);

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(request.getInputStream().readAllBytes()).hasSize(5000 - 1025);
  }

  @Test
  void a_body_that_trickles_past_the_deadline_is_refused_with_a_408_and_reaches_no_listener() throws Exception {
    AtomicLong now = new AtomicLong();
    CallbackEndpoint slow = new CallbackEndpoint(handler, Duration.ofSeconds(2), now::get);
    byte[] xml = scanXml().getBytes(StandardCharsets.UTF_8);
    MockHttpServletRequest request = post(signed(), new String(xml, StandardCharsets.UTF_8));
    request.setContent(null);
    InputStream trickle = new InputStream() { // one byte per read, each 300 ms after the last
      private int next;

      @Override
      public int read() {
        now.addAndGet(Duration.ofMillis(300).toNanos());
        return next < xml.length ? xml[next++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        int c = read();
        if (c < 0) {
          return -1;
        }
        b[off] = (byte) c;
        return 1;
      }
    };
    MockHttpServletResponse response = new MockHttpServletResponse();

    slow.handleRequest(streaming(request, trickle), response);

    assertThat(response.getStatus()).isEqualTo(408);
    assertThat(response.getContentAsString()).isEqualTo("body not received within 2000 ms");
    assertThat(response.getContentType()).isEqualTo(CallbackResponse.CONTENT_TYPE);
    assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
    assertThat(now.get()).isLessThanOrEqualTo(Duration.ofMillis(2300).toNanos()); // stopped reading at the deadline
    assertThat(scans).isEmpty();
  }

  @Test
  void a_body_whose_last_read_ends_after_the_deadline_is_refused_too() throws Exception {
    AtomicLong now = new AtomicLong();
    CallbackEndpoint slow = new CallbackEndpoint(handler, Duration.ofSeconds(2), now::get);
    byte[] xml = scanXml().getBytes(StandardCharsets.UTF_8);
    InputStream stalled = new InputStream() { // all of it in one read that returns 3 s late
      private boolean sent;

      @Override
      public int read() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (sent) {
          return -1;
        }
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        System.arraycopy(xml, 0, b, off, xml.length);
        sent = true;
        return xml.length;
      }
    };
    MockHttpServletResponse response = new MockHttpServletResponse();

    slow.handleRequest(streaming(post(signed(), ""), stalled), response);

    assertThat(response.getStatus()).isEqualTo(408);
    assertThat(scans).isEmpty();
  }

  @Test
  void a_body_that_arrives_in_pieces_within_the_deadline_is_handled() throws Exception {
    AtomicLong now = new AtomicLong();
    CallbackEndpoint endpointWithClock = new CallbackEndpoint(handler, Duration.ofSeconds(2), now::get);
    byte[] xml = scanXml().getBytes(StandardCharsets.UTF_8);
    InputStream pieces = new InputStream() { // 10 bytes per read, 10 ms apart
      private int next;

      @Override
      public int read() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int read(byte[] b, int off, int len) {
        now.addAndGet(Duration.ofMillis(10).toNanos());
        if (next >= xml.length) {
          return -1;
        }
        int n = Math.min(Math.min(len, 10), xml.length - next);
        System.arraycopy(xml, next, b, off, n);
        next += n;
        return n;
      }
    };
    MockHttpServletResponse response = new MockHttpServletResponse();

    endpointWithClock.handleRequest(streaming(post(signed(), ""), pieces), response);

    assertThat(response.getContentAsString()).isEqualTo("success");
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(scans).hasSize(1);
  }

  @Test
  void parameters_the_container_parsed_from_a_form_body_are_not_taken_for_query_parameters() throws Exception {
    MockHttpServletRequest request = post(null, "signature=...");
    request.setContentType("application/x-www-form-urlencoded");
    // What a servlet container's parameter map would hold for such a body: a valid verification.
    request.addParameter("signature", PushCrypto.signature(TOKEN, timestamp, "9"));
    request.addParameter("timestamp", timestamp);
    request.addParameter("nonce", "9");
    request.addParameter("echostr", "echo");
    request.setMethod("GET");
    MockHttpServletResponse response = new MockHttpServletResponse();

    endpoint.handleRequest(request, response);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentAsString()).startsWith("missing query parameter"); // none was in the URL
  }

  private String signed() {
    return "signature=" + PushCrypto.signature(TOKEN, timestamp, "9") + "&timestamp=" + timestamp + "&nonce=9";
  }

  private static String scanXml() {
    return "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[openid-1]]></FromUserName>"
        + "<CreateTime>1777622400</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[SCAN]]></Event>"
        + "<EventKey><![CDATA[123]]></EventKey><Ticket><![CDATA[ticket-1]]></Ticket></xml>";
  }

  /** @return the request, declaring no Content-Length (as a chunked one does) */
  private static MockHttpServletRequest undeclared(MockHttpServletRequest request) {
    MockHttpServletRequest copy = new MockHttpServletRequest("POST", "/wechat/callback") {
      @Override
      public long getContentLengthLong() {
        return -1;
      }

      @Override
      public int getContentLength() {
        return -1;
      }
    };
    copy.setQueryString(request.getQueryString());
    copy.setContentType(request.getContentType());
    copy.setContent(request.getContentAsByteArray());
    return copy;
  }

  /** @return the request, declaring no length, its body read from {@code in} */
  private static MockHttpServletRequest streaming(MockHttpServletRequest request, InputStream in) {
    ServletInputStream stream = new DelegatingServletInputStream(in) {
      @Override
      public int read(byte[] b, int off, int len) throws java.io.IOException {
        return in.read(b, off, len);
      }
    };
    MockHttpServletRequest copy = new MockHttpServletRequest("POST", "/wechat/callback") {
      @Override
      public long getContentLengthLong() {
        return -1;
      }

      @Override
      public ServletInputStream getInputStream() {
        return stream;
      }
    };
    copy.setQueryString(request.getQueryString());
    copy.setContentType(request.getContentType());
    return copy;
  }

  private static MockHttpServletRequest post(String query, String body) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/wechat/callback");
    request.setQueryString(query);
    request.setContentType("text/xml");
    request.setContent(body.getBytes(StandardCharsets.UTF_8));
    return request;
  }
}
