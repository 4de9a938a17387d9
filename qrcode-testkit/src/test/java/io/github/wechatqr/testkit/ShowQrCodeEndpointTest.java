package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShowQrCodeEndpointTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final FakeWeChatServer fake = FakeWeChatServer.builder().clock(clock).start();
  private final WeChatClient client = new WeChatClient(fake);

  @AfterEach
  void stop() {
    fake.close();
  }

  private String[] ticketAndUrl(long expireSeconds) throws Exception {
    var answer = client.create(client.token(fake), WeChatClient.temporaryId(5, expireSeconds));
    return new String[] {answer.get("ticket").asText(), answer.get("url").asText()};
  }

  private HttpResponse<byte[]> show(String rawTicket) throws Exception {
    return client.get(FakeWeChatServer.SHOW_QRCODE + "?ticket=" + rawTicket);
  }

  @Test
  void an_encoded_ticket_gets_a_real_jpeg_that_decodes_to_the_url() throws Exception {
    String[] code = ticketAndUrl(600);
    HttpResponse<byte[]> image = show(URLEncoder.encode(code[0], StandardCharsets.UTF_8));
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.headers().firstValue("Content-Type")).contains("image/jpg");
    assertThat(image.headers().firstValue("Cache-control")).contains("max-age=604800");
    assertThat(image.body()).startsWith((byte) 0xFF, (byte) 0xD8); // JPEG SOI marker
    assertThat(QrImages.decode(image.body())).isEqualTo(code[1]);
  }

  @Test
  void a_fake_told_how_to_draw_serves_that_image_once_per_ticket() throws Exception {
    byte[] drawnBefore = QrImages.jpeg("http://weixin.qq.com/q/drawn-once");
    java.util.List<String> drawnFor = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (FakeWeChatServer quick = FakeWeChatServer.builder().clock(clock).images(url -> {
      drawnFor.add(url);
      return drawnBefore;
    }).start()) {
      WeChatClient quickClient = new WeChatClient(quick);
      var answer = quickClient.create(quickClient.token(quick), WeChatClient.temporaryId(5, 600));
      String encoded = URLEncoder.encode(answer.get("ticket").asText(), StandardCharsets.UTF_8);
      for (int i = 0; i < 2; i++) {
        HttpResponse<byte[]> image = quickClient.get(FakeWeChatServer.SHOW_QRCODE + "?ticket=" + encoded);
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.body()).isEqualTo(drawnBefore);
      }
      assertThat(drawnFor).containsExactly(answer.get("url").asText());
    }
  }

  @Test
  void an_unencoded_ticket_loses_its_plus_signs_and_gets_404() throws Exception {
    String[] code = ticketAndUrl(600);
    assertThat(code[0]).contains("+");
    assertThat(show(code[0].replace("=", "%3D")).statusCode()).isEqualTo(404);
  }

  @Test
  void an_unknown_ticket_gets_404() throws Exception {
    assertThat(show("gQH%2Bnever%2Fissued%3D%3D").statusCode()).isEqualTo(404);
    assertThat(show("").statusCode()).isEqualTo(404);
  }

  @Test
  void an_expired_ticket_gets_404() throws Exception {
    String[] code = ticketAndUrl(60);
    String encoded = URLEncoder.encode(code[0], StandardCharsets.UTF_8);
    clock.advance(Duration.ofSeconds(59));
    assertThat(show(encoded).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    assertThat(show(encoded).statusCode()).isEqualTo(404);
  }

  @Test
  void an_unknown_path_gets_404() throws Exception {
    assertThat(client.get("/cgi-bin/nope").statusCode()).isEqualTo(404);
  }
}
