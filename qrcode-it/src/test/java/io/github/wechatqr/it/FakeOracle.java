package io.github.wechatqr.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wechatqr.testkit.FakeWeChatServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Asks {@link FakeWeChatServer} directly, bypassing the domain, whether it accepts a raw case: the create
 * body is written by hand from the raw values (the lifetime as its exact decimal seconds, every non-ASCII
 * character as a JSON escape, so even an unpaired surrogate arrives as sent). Used only for cases the
 * domain rejected, after proving those made no upstream call.
 */
final class FakeOracle {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final FakeWeChatServer fake;
  private String token;

  FakeOracle(FakeWeChatServer fake) {
    this.fake = fake;
  }

  /**
   * @param rawCase the case as generated
   * @return the errcode the fake answered, 0 when it created a code
   */
  int errcodeFor(FuzzCase rawCase) {
    JsonNode answer = post(FakeWeChatServer.CREATE + "?access_token=" + token(), body(rawCase));
    return answer.has("ticket") ? 0 : answer.path("errcode").asInt(-999);
  }

  static String body(FuzzCase rawCase) {
    String scene = rawCase.id() != null ? "\"scene_id\":" + rawCase.id()
        : "\"scene_str\":" + FuzzCase.escaped(rawCase.str());
    String action = (rawCase.permanent() ? "QR_LIMIT_" : "QR_") + (rawCase.id() != null ? "SCENE" : "STR_SCENE");
    String expire = rawCase.permanent() ? "" : "\"expire_seconds\":" + seconds(rawCase.lifetime()) + ",";
    return "{" + expire + "\"action_name\":\"" + action + "\",\"action_info\":{\"scene\":{" + scene + "}}}";
  }

  static String seconds(Duration lifetime) {
    return new BigDecimal(lifetime.getSeconds()).add(BigDecimal.valueOf(lifetime.getNano(), 9))
        .stripTrailingZeros().toPlainString();
  }

  private String token() {
    if (token == null) {
      token = post(FakeWeChatServer.STABLE_TOKEN, "{\"grant_type\":\"client_credential\",\"appid\":\""
          + fake.appId() + "\",\"secret\":\"" + fake.secret() + "\",\"force_refresh\":false}")
          .get("access_token").asText();
    }
    return token;
  }

  private JsonNode post(String pathAndQuery, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(fake.baseUri() + pathAndQuery))
        .timeout(Duration.ofSeconds(5))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    try {
      return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body());
    } catch (IOException e) {
      throw new UncheckedIOException("the fake did not answer the oracle", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
