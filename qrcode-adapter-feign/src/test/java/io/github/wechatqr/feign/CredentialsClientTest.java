package io.github.wechatqr.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.Client;
import feign.Request;
import feign.Response;
import io.github.wechatqr.domain.AccessToken;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CredentialsClientTest {
  private static final Request.Options OPTIONS = new Request.Options();
  private static final AccessToken TOKEN = new AccessToken("tok+en/1=", Instant.parse("2030-01-01T00:00:00Z"));

  private final AtomicReference<Request> sent = new AtomicReference<>();
  private final Client recording = (request, options) -> {
    sent.set(request);
    return Response.builder().status(200).request(request).headers(Map.of()).body(new byte[0]).build();
  };
  private final CredentialsClient client = new CredentialsClient(recording, "wxapp", "s3cr+t/=");

  private static Request request(String url, String marker) {
    Map<String, Collection<String>> headers = marker == null
        ? Map.of("Accept", List.of("application/json"))
        : Map.of("Accept", List.of("application/json"), marker, List.of("query"));
    return Request.create(Request.HttpMethod.POST, url, headers, new byte[0], StandardCharsets.UTF_8, null);
  }

  @Test
  void the_bound_token_is_added_to_the_url_below_feign_and_the_marker_removed() throws IOException {
    Request original = request("http://127.0.0.1/cgi-bin/qrcode/create", CredentialsClient.ACCESS_TOKEN);
    Response response = client.withToken(TOKEN, () -> execute(original));
    assertThat(sent.get().url()).isEqualTo("http://127.0.0.1/cgi-bin/qrcode/create?access_token=tok%2Ben%2F1%3D");
    assertThat(sent.get().headers()).containsOnlyKeys("Accept");
    assertThat(response.request()).isSameAs(original);
    assertThat(response.request().url()).doesNotContain("tok");
  }

  @Test
  void app_credentials_follow_the_existing_query() {
    execute(request("http://127.0.0.1/cgi-bin/token?grant_type=client_credential", CredentialsClient.APP_CREDENTIALS));
    assertThat(sent.get().url()).isEqualTo(
        "http://127.0.0.1/cgi-bin/token?grant_type=client_credential&appid=wxapp&secret=s3cr%2Bt%2F%3D");
  }

  @Test
  void an_unmarked_request_passes_unchanged() {
    Request plain = request("http://127.0.0.1/cgi-bin/showqrcode?ticket=x", null);
    client.withToken(TOKEN, () -> execute(plain));
    assertThat(sent.get()).isSameAs(plain);
  }

  @Test
  void a_marked_request_without_a_bound_token_is_refused() {
    assertThatThrownBy(() -> client.execute(request("http://127.0.0.1/x", CredentialsClient.ACCESS_TOKEN), OPTIONS))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void the_binding_ends_with_the_call_and_an_outer_one_is_restored() {
    AccessToken outer = new AccessToken("outer", Instant.parse("2030-01-01T00:00:00Z"));
    Request marked = request("http://127.0.0.1/x", CredentialsClient.ACCESS_TOKEN);
    client.withToken(outer, () -> {
      client.withToken(TOKEN, () -> execute(marked));
      return execute(marked);
    });
    assertThat(sent.get().url()).endsWith("access_token=outer");
    assertThatThrownBy(() -> client.execute(marked, OPTIONS)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void an_io_failure_that_quotes_a_credential_is_replaced_by_a_bare_one() {
    IOException quoting = new IOException("Invalid uri http://x/?access_token=tok%2Ben%2F1%3D");
    IOException scrubbed = CredentialsClient.scrubbed(quoting, List.of(TOKEN.value()));
    assertThat(scrubbed).isNotSameAs(quoting).hasNoCause();
    assertThat(scrubbed.getMessage()).doesNotContain("tok").contains("IOException");
    IOException nested = new IOException("outer", new IllegalArgumentException("secret s3cr+t/= leaked"));
    assertThat(CredentialsClient.scrubbed(nested, List.of("s3cr+t/="))).isNotSameAs(nested);
  }

  @Test
  void an_io_failure_without_credentials_keeps_its_type_for_classification() {
    HttpTimeoutException timeout = new HttpTimeoutException("request timed out");
    assertThat(CredentialsClient.scrubbed(timeout, List.of(TOKEN.value()))).isSameAs(timeout);
  }

  private Response execute(Request request) {
    try {
      return client.execute(request, OPTIONS);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
