package io.github.wechatqr.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.wechatqr.domain.IssuedTicket;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.port.QrCodeGateway;
import io.github.wechatqr.testkit.FakeWeChatServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Issues codes on a {@link FakeWeChatServer} over HTTP (token, then create), so that the fake can later
 * push scans of them. Test-only: this module depends on no gateway adapter.
 */
final class FakeServerGateway implements QrCodeGateway {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final FakeWeChatServer fake;

  FakeServerGateway(FakeWeChatServer fake) {
    this.fake = fake;
  }

  @Override
  public IssuedTicket issue(QrCodeRequest request) {
    JsonNode token = call(HttpRequest.newBuilder(URI.create(fake.baseUri() + FakeWeChatServer.TOKEN
        + "?grant_type=client_credential&appid=" + fake.appId() + "&secret=" + fake.secret())).build());
    ObjectNode body = JSON.createObjectNode();
    if (!request.isPermanent()) {
      body.put("expire_seconds", request.lifetime().toSeconds());
    }
    body.put("action_name", request.type().actionName());
    ObjectNode scene = body.putObject("action_info").putObject("scene");
    if (request.scene() instanceof SceneValue.Id id) {
      scene.put("scene_id", id.value());
    } else {
      scene.put("scene_str", request.scene().text());
    }
    JsonNode created = call(HttpRequest.newBuilder(URI.create(fake.baseUri() + FakeWeChatServer.CREATE
            + "?access_token=" + token.get("access_token").asText()))
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    Duration lifetime = created.has("expire_seconds")
        ? Duration.ofSeconds(created.get("expire_seconds").asLong()) : null;
    return new IssuedTicket(new Ticket(created.get("ticket").asText()), created.get("url").asText(), lifetime);
  }

  @Override
  public QrImage download(Ticket ticket) {
    throw new UnsupportedOperationException("receiving scans needs no image");
  }

  private JsonNode call(HttpRequest request) {
    try {
      JsonNode answer = JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
      if (answer.path("errcode").asInt(0) != 0) {
        throw new IllegalStateException("the fake refused: " + answer);
      }
      return answer;
    } catch (IOException e) {
      throw new IllegalStateException("the fake is unreachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
