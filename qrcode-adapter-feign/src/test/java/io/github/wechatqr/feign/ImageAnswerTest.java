package io.github.wechatqr.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.Request;
import feign.Response;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.TicketNotFound;
import io.github.wechatqr.domain.WeChatApiException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageAnswerTest {
  private static final Ticket TICKET = new Ticket("gQH+ab/c==");
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00, 0x11};

  private static Response answer(int status, Map<String, Collection<String>> headers, byte[] body) {
    Request request = Request.create(Request.HttpMethod.GET, "http://127.0.0.1/cgi-bin/showqrcode?ticket=x",
        Map.of(), null, StandardCharsets.UTF_8, null);
    return Response.builder().status(status).request(request).headers(headers).body(body).build();
  }

  @Test
  void an_image_keeps_bytes_content_type_and_max_age() {
    QrImage image = ImageAnswer.read(TICKET, answer(200,
        Map.of("content-type", List.of("image/jpg"), "cache-control", List.of("max-age=604800")), JPEG));
    assertThat(image.bytes()).isEqualTo(JPEG);
    assertThat(image.contentType()).isEqualTo("image/jpg");
    assertThat(image.maxAge()).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void an_image_without_cache_control_has_no_max_age() {
    assertThat(ImageAnswer.read(TICKET, answer(200, Map.of("Content-Type", List.of("image/jpeg")), JPEG)).maxAge())
        .isNull();
    assertThat(ImageAnswer.maxAge("public, MAX-AGE = 60")).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void http_404_means_the_ticket_has_no_image() {
    assertThatThrownBy(() -> ImageAnswer.read(TICKET, answer(404, Map.of(), new byte[0])))
        .isInstanceOfSatisfying(TicketNotFound.class, e -> assertThat(e.ticket()).isEqualTo(TICKET));
  }

  @Test
  void server_errors_are_transient_and_other_statuses_are_not() {
    assertThatThrownBy(() -> ImageAnswer.read(TICKET, answer(503, Map.of(), new byte[0])))
        .isInstanceOfSatisfying(UpstreamFailure.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.HTTP_5XX));
    assertThatThrownBy(() -> ImageAnswer.read(TICKET, answer(302, Map.of(), new byte[0])))
        .isInstanceOfSatisfying(UpstreamFailure.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.HTTP_STATUS));
  }

  @Test
  void a_page_instead_of_an_image_names_what_came() {
    assertThatThrownBy(() -> ImageAnswer.read(TICKET, answer(200, Map.of("Content-Type", List.of("text/html")),
        "<html></html>".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOfSatisfying(UpstreamFailure.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.NOT_IMAGE))
        .hasMessage("expected an image, got \"text/html\"");
    assertThatThrownBy(() -> ImageAnswer.read(TICKET, answer(200, Map.of(), JPEG)))
        .hasMessage("expected an image, got no Content-Type");
  }

  @Test
  void a_json_error_instead_of_an_image_is_mapped_like_any_errcode() {
    assertThatThrownBy(() -> ImageAnswer.read(TICKET, answer(200, Map.of("Content-Type", List.of("application/json")),
        "{\"errcode\":40097,\"errmsg\":\"invalid args\"}".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOfSatisfying(WeChatApiException.class, e -> {
          assertThat(e.errcode()).isEqualTo(40097);
          assertThat(e.errmsg()).isEqualTo("invalid args");
        });
  }

  @Test
  void an_image_without_bytes_is_malformed() {
    assertThatThrownBy(() -> ImageAnswer.read(TICKET, answer(200, Map.of("Content-Type", List.of("image/jpg")),
        new byte[0])))
        .isInstanceOfSatisfying(UpstreamFailure.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.MALFORMED));
  }
}
