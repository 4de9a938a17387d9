package io.github.wechatqr.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A bare java.net.http client for the fake, as the testkit's tests talk to it. */
final class WeChatClient {
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
  private final URI base;

  WeChatClient(FakeWeChatServer fake) {
    this.base = fake.baseUri();
  }

  HttpResponse<byte[]> get(String pathAndQuery) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> post(String pathAndQuery, String json) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(5))
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  JsonNode getJson(String pathAndQuery) throws IOException, InterruptedException {
    return Json.MAPPER.readTree(get(pathAndQuery).body());
  }

  JsonNode postJson(String pathAndQuery, String json) throws IOException, InterruptedException {
    return Json.MAPPER.readTree(post(pathAndQuery, json).body());
  }

  String token(FakeWeChatServer fake) throws IOException, InterruptedException {
    return getJson("/cgi-bin/token?grant_type=client_credential&appid=" + fake.appId() + "&secret="
        + fake.secret()).get("access_token").asText();
  }

  JsonNode create(String token, String body) throws IOException, InterruptedException {
    return postJson("/cgi-bin/qrcode/create?access_token=" + token, body);
  }

  static String temporaryId(long sceneId, long expireSeconds) {
    return "{\"expire_seconds\":" + expireSeconds + ",\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":"
        + "{\"scene_id\":" + sceneId + "}}}";
  }
}
