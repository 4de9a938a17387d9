package io.github.wechatqr.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.Request;
import feign.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the adapter's {@code feign.Client} puts on the wire, and what it hands back to Feign. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Hc5ClientTest {
  private static final String TOKEN = TestGateways.ledgered("tok-EN_1-hc5-client");
  private static final Request.Options OPTIONS =
      new Request.Options(Duration.ofSeconds(1), Duration.ofSeconds(2), false);

  private static Settings settings(String base) {
    return new Settings("wxclient00000001", TestGateways.ledgered("client-secret-0123456789"), base, base, Duration.ofSeconds(1),
        Duration.ofSeconds(2), TokenMode.CLASSIC, 4, 1024);
  }

  private static Request post(String url, byte[] body) {
    Map<String, java.util.Collection<String>> headers = new LinkedHashMap<>();
    headers.put("Accept", List.of("application/json"));
    headers.put("Content-Type", List.of("application/json"));
    headers.put("Content-Length", List.of("999")); // as Feign adds it; HttpClient writes its own
    headers.put("X-Probe", List.of("a", "b"));
    return Request.create(Request.HttpMethod.POST, url, headers, body, StandardCharsets.UTF_8, null);
  }

  @Test
  void the_request_goes_out_as_feign_built_it_with_the_credential_and_one_content_length() throws Exception {
    byte[] body = "{\"action_name\":\"QR_SCENE\"}".getBytes(StandardCharsets.UTF_8);
    try (RawServer server = new RawServer((request, out) ->
            RawServer.answer(out, 200, "application/json", RawServer.ascii("{\"ticket\":\"t\"}")));
        HttpTransport transport = new HttpTransport(settings(server.baseUri().toString()), Duration.ofSeconds(30))) {
      Hc5Client client = new Hc5Client(transport.http, FeignWiring.MAX_JSON_BYTES, "text/plain",
          org.apache.hc.core5.http.ContentType.TEXT_PLAIN);
      Request request = post(server.baseUri() + "/cgi-bin/qrcode/create?access_token=" + TOKEN, body);
      try (Response response = client.execute(request, OPTIONS)) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.request()).isSameAs(request);
        assertThat(response.headers().get("content-type")).containsExactly("application/json");
        assertThat(response.body()).isInstanceOf(InMemoryBody.class);
        assertThat(response.body().isRepeatable()).isTrue();
        // one array, handed on as is: the decoder reads the bytes the socket filled
        assertThat(InMemoryBody.bytes(response.body())).isSameAs(InMemoryBody.bytes(response.body()))
            .asString(StandardCharsets.UTF_8).isEqualTo("{\"ticket\":\"t\"}");
      }
      RawServer.Received received = server.received().get(0);
      assertThat(received.requestLine()).isEqualTo("POST /cgi-bin/qrcode/create?access_token=" + TOKEN + " HTTP/1.1");
      assertThat(received.head().toLowerCase(java.util.Locale.ROOT))
          .contains("\r\naccept: application/json\r\n", "\r\ncontent-type: application/json\r\n",
              "\r\nx-probe: a\r\n", "\r\nx-probe: b\r\n", "\r\ncontent-length: " + body.length + "\r\n")
          .doesNotContain("999", "upgrade", "accept-encoding", "cookie", "text/plain");
      assertThat(received.body()).isEqualTo(body);
    }
  }

  @Test
  void a_request_that_names_no_accept_or_body_type_gets_the_clients_own() throws Exception {
    try (RawServer server = new RawServer((request, out) ->
            RawServer.answer(out, 200, "application/json", RawServer.ascii("{}")));
        HttpTransport transport = new HttpTransport(settings(server.baseUri().toString()), Duration.ofSeconds(30))) {
      Hc5Client client = new Hc5Client(transport.http, 64, "application/json",
          org.apache.hc.core5.http.ContentType.create("application/json", (java.nio.charset.Charset) null));
      client.execute(Request.create(Request.HttpMethod.POST, server.baseUri() + "/x", Map.of(),
          RawServer.ascii("{}"), StandardCharsets.UTF_8, null), OPTIONS).close();
      client.execute(Request.create(Request.HttpMethod.GET, server.baseUri() + "/y", Map.of(), null,
          StandardCharsets.UTF_8, null), OPTIONS).close();
      String post = server.received().get(0).head().toLowerCase(java.util.Locale.ROOT);
      assertThat(post).contains("\r\naccept: application/json\r\n", "\r\ncontent-type: application/json\r\n");
      String get = server.received().get(1).head().toLowerCase(java.util.Locale.ROOT);
      assertThat(get).contains("\r\naccept: application/json\r\n").doesNotContain("content-type");
    }
  }

  @Test
  void a_get_sends_no_body_and_an_answer_without_one_has_none() throws Exception {
    try (RawServer server = new RawServer((request, out) -> {
          out.write(RawServer.ascii("HTTP/1.0 204 No Content\r\n\r\n"));
          out.flush();
          return RawServer.hangUp();
        });
        HttpTransport transport = new HttpTransport(settings(server.baseUri().toString()), Duration.ofSeconds(30))) {
      Hc5Client client = new Hc5Client(transport.http, 16, null, null);
      Request get = Request.create(Request.HttpMethod.GET, server.baseUri() + "?x=1", Map.of(), new byte[0],
          StandardCharsets.UTF_8, null);
      try (Response response = client.execute(get, OPTIONS)) {
        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isNull();
        assertThat(response.protocolVersion()).isEqualTo(Request.ProtocolVersion.HTTP_1_0);
        assertThat(InMemoryBody.bytes(response.body())).isEmpty();
      }
      assertThat(server.received().get(0).requestLine()).isEqualTo("GET /?x=1 HTTP/1.1");
      assertThat(server.received().get(0).head().toLowerCase(java.util.Locale.ROOT)).doesNotContain("content-length");
    }
  }

  @Test
  void a_url_that_is_not_absolute_fails_without_being_quoted() {
    try (HttpTransport transport = new HttpTransport(settings("http://127.0.0.1:1"), Duration.ofSeconds(30))) {
      Hc5Client client = new Hc5Client(transport.http, 16, null, null);
      Request relative = Request.create(Request.HttpMethod.GET, "/cgi-bin/x?access_token=secret-token", Map.of(),
          null, StandardCharsets.UTF_8, null);
      assertThatThrownBy(() -> client.execute(relative, OPTIONS)).isInstanceOf(IOException.class)
          .hasMessage("not an absolute URL");
      Request bad = Request.create(Request.HttpMethod.GET, "http://bad host:x/?access_token=secret-token", Map.of(),
          null, StandardCharsets.UTF_8, null);
      assertThatThrownBy(() -> client.execute(bad, OPTIONS)).isInstanceOf(IOException.class)
          .hasMessage("invalid request URL");
    }
  }

  @Test
  void a_feign_logger_that_re_buffers_the_body_still_leaves_the_decoders_its_bytes() throws IOException {
    Response rebuffered = Response.builder().status(200).headers(Map.of())
        .request(Request.create(Request.HttpMethod.GET, "http://h/", Map.of(), null, StandardCharsets.UTF_8, null))
        .body(new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}), 3).build();
    assertThat(InMemoryBody.bytes(rebuffered.body())).containsExactly(1, 2, 3);
    InMemoryBody body = new InMemoryBody(new byte[] {'o', 'k'});
    assertThat(body.length()).isEqualTo(2);
    assertThat(new String(body.asInputStream().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("ok");
    assertThat(feign.Util.toString(body.asReader(StandardCharsets.UTF_8))).isEqualTo("ok");
    assertThat(body).hasToString("InMemoryBody[2 bytes]");
    body.close();
  }

  @Test
  void the_exchange_context_never_shows_its_credential() {
    ExchangeExecutor.Exchange exchange = new ExchangeExecutor.Exchange("/x?access_token=tok-1", 5);
    assertThat(exchange.toString()).doesNotContain("tok-1").contains("access_token=<redacted>");
    assertThat(new ExchangeExecutor.Exchange(null, 5).toString()).contains("target=null");
  }
}
