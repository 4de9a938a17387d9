package io.github.wechatqr.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.AccessTokenRejected;
import io.github.wechatqr.domain.IssuedTicket;
import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import io.github.wechatqr.domain.TicketNotFound;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.WeChatApiException;
import io.github.wechatqr.domain.port.QrCodeGateway;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.TokenKeeper;
import io.github.wechatqr.domain.token.TokenPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * The smallest correct gateway, on java.net.http, so the gateway kit can be proven green here; the
 * flags switch off one duty each to prove the kit goes red.
 */
class ReferenceHttpGateway implements QrCodeGateway {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final GatewaySetup setup;
  private final AccessTokenStore tokens;
  private final boolean encodeTicket;
  private final boolean refreshStaleToken;

  ReferenceHttpGateway(GatewaySetup setup, boolean encodeTicket, boolean refreshStaleToken) {
    this.setup = setup;
    this.tokens = TokenKeeper.inProcess(setup.clock(), TokenPolicy.defaults()).create(reason -> fetchToken());
    this.encodeTicket = encodeTicket;
    this.refreshStaleToken = refreshStaleToken;
  }

  @Override
  public IssuedTicket issue(QrCodeRequest request) {
    String body = body(request);
    AccessToken token = tokens.get();
    try {
      return created(send(create(token, body)));
    } catch (AccessTokenRejected stale) {
      if (!refreshStaleToken || !stale.stale()) {
        throw stale;
      }
      tokens.invalidate(token);
      return created(send(create(tokens.get(), body)));
    }
  }

  @Override
  public QrImage download(Ticket ticket) {
    String value = encodeTicket ? ticket.urlEncoded() : ticket.value();
    HttpResponse<byte[]> answer = exchange(HttpRequest.newBuilder(
        URI.create(setup.mpBase() + FakeWeChatServer.SHOW_QRCODE + "?ticket=" + value)).build());
    if (answer.statusCode() == 404) {
      throw new TicketNotFound(ticket, "HTTP 404");
    }
    return new QrImage(answer.body(), answer.headers().firstValue("Content-Type").orElse(""),
        Duration.ofSeconds(604_800));
  }

  private HttpRequest create(AccessToken token, String body) {
    return HttpRequest.newBuilder(URI.create(setup.apiBase() + FakeWeChatServer.CREATE + "?access_token="
        + token.value())).POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private AccessToken fetchToken() {
    Instant before = setup.clock().instant();
    JsonNode answer = send(HttpRequest.newBuilder(URI.create(setup.apiBase() + FakeWeChatServer.TOKEN
        + "?grant_type=client_credential&appid=" + setup.appId() + "&secret=" + setup.secret())).build());
    return AccessToken.issued(answer.get("access_token").asText(), before,
        Duration.ofSeconds(answer.get("expires_in").asLong()));
  }

  /** Sends with up to three attempts on "system busy"; maps every errcode. */
  private JsonNode send(HttpRequest request) {
    for (int attempt = 1; ; attempt++) {
      try {
        JsonNode answer = Json.MAPPER.readTree(exchange(request).body());
        int errcode = answer.path("errcode").asInt(0);
        if (errcode == 0) {
          return answer;
        }
        QrCodeException error = WeChatApiException.failure(errcode, answer.path("errmsg").asText());
        if (!(error instanceof UpstreamUnavailable) || attempt == 3) {
          throw error;
        }
      } catch (IOException e) {
        throw new UpstreamUnavailable("malformed answer", e);
      }
    }
  }

  private static HttpResponse<byte[]> exchange(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UpstreamUnavailable("network", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpstreamUnavailable("interrupted", e);
    }
  }

  private static IssuedTicket created(JsonNode answer) {
    Duration lifetime = answer.has("expire_seconds") ? Duration.ofSeconds(answer.get("expire_seconds").asLong()) : null;
    return new IssuedTicket(new Ticket(answer.get("ticket").asText()), answer.get("url").asText(), lifetime);
  }

  private static String body(QrCodeRequest request) {
    String scene = request.scene() instanceof SceneValue.Id id
        ? "{\"scene_id\":" + id.value() + "}"
        : Json.MAPPER.createObjectNode().put("scene_str", request.scene().text()).toString();
    return "{" + (request.isPermanent() ? "" : "\"expire_seconds\":" + request.lifetime().toSeconds() + ",")
        + "\"action_name\":\"" + request.type().actionName() + "\",\"action_info\":{\"scene\":" + scene + "}}";
  }
}
