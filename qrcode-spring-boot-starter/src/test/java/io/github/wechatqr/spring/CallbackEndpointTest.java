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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
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
  void the_body_is_read_only_one_byte_past_the_handlers_limit() throws Exception {
    MockHttpServletRequest request = post(signed(), "x".repeat(5000));
    MockHttpServletResponse response = new MockHttpServletResponse();

    endpoint.handleRequest(request, response);

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(request.getInputStream().readAllBytes()).hasSize(5000 - 1025);
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

  private static MockHttpServletRequest post(String query, String body) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/wechat/callback");
    request.setQueryString(query);
    request.setContentType("text/xml");
    request.setContent(body.getBytes(StandardCharsets.UTF_8));
    return request;
  }
}
