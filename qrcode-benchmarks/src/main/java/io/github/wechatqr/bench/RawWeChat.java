package io.github.wechatqr.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The yardstick for the gateway: what a developer writes by hand with {@code java.net.http} and Jackson,
 * and nothing more. One shared client (HTTP/1.1, like the gateway), the token fetched once, the create
 * body written as a string, the answer parsed by one shared {@link ObjectMapper} into a record, the
 * errcode checked. No token refresh, no metrics, no redaction; a request is sent again once only when its
 * connection failed under it (see {@link #exchange}).
 */
final class RawWeChat {
  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(3)).build();
  private final String base;
  private final String token;

  /** Fetches the access token once. */
  RawWeChat(URI base, String appId, String secret) {
    this.base = base.toString();
    Token answer = parse(send(HttpRequest.newBuilder(URI.create(this.base
        + "/cgi-bin/token?grant_type=client_credential&appid=" + encode(appId) + "&secret=" + encode(secret)))
        .GET()), Token.class);
    if (answer.accessToken == null) {
      throw new IllegalStateException("no token: errcode " + answer.errcode);
    }
    this.token = answer.accessToken;
  }

  /** The create body of a temporary id scene, as the spec writes it. */
  static String idBody(int sceneId, long expireSeconds) {
    return "{\"expire_seconds\":" + expireSeconds + ",\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":"
        + sceneId + "}}}";
  }

  /** The create body of a temporary string scene; {@code scene} must need no JSON escaping. */
  static String strBody(String scene, long expireSeconds) {
    return "{\"expire_seconds\":" + expireSeconds + ",\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\""
        + scene + "\"}}}";
  }

  /** POSTs a create body and returns the checked answer. */
  Created create(String body) {
    Created created = parse(send(HttpRequest.newBuilder(URI.create(base + "/cgi-bin/qrcode/create?access_token=" + token))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))), Created.class);
    if (created.errcode != null && created.errcode != 0 || created.ticket == null) {
      throw new IllegalStateException("create failed: errcode " + created.errcode + " " + created.errmsg);
    }
    return created;
  }

  /**
   * The same create through {@link java.net.HttpURLConnection} (blocking I/O on the calling thread, the
   * JDK's keep-alive cache), for reference: what the transport alone costs.
   */
  Created createBlocking(String body) {
    try {
      java.net.HttpURLConnection connection = (java.net.HttpURLConnection) URI.create(
          base + "/cgi-bin/qrcode/create?access_token=" + token).toURL().openConnection();
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setConnectTimeout(3_000);
      connection.setReadTimeout(5_000);
      connection.setRequestProperty("Content-Type", "application/json");
      try (java.io.OutputStream out = connection.getOutputStream()) {
        out.write(body.getBytes(StandardCharsets.UTF_8));
      }
      if (connection.getResponseCode() != 200) {
        throw new IllegalStateException("HTTP " + connection.getResponseCode());
      }
      byte[] answer;
      try (java.io.InputStream in = connection.getInputStream()) {
        answer = in.readAllBytes();
      }
      Created created = parse(answer, Created.class);
      if (created.errcode != null && created.errcode != 0 || created.ticket == null) {
        throw new IllegalStateException("create failed: errcode " + created.errcode);
      }
      return created;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** GETs the image of a ticket (URL-encoded once, no token). */
  byte[] image(String ticket) {
    HttpResponse<byte[]> answer = exchange(HttpRequest.newBuilder(
        URI.create(base + "/cgi-bin/showqrcode?ticket=" + encode(ticket))).GET());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("showqrcode answered " + answer.statusCode());
    }
    return answer.body();
  }

  private byte[] send(HttpRequest.Builder request) {
    HttpResponse<byte[]> answer = exchange(request);
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + answer.statusCode());
    }
    return answer.body();
  }

  /**
   * One exchange, sent again once if it failed with an {@link IOException}: the JDK client sometimes hands
   * out a pooled connection the server has just closed ("header parser received no bytes"), and any loop
   * that runs for long has to survive that, as the gateway does with its retries.
   */
  private HttpResponse<byte[]> exchange(HttpRequest.Builder request) {
    HttpRequest built = request.timeout(Duration.ofSeconds(5)).build();
    try {
      try {
        return http.send(built, HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException closedUnderIt) {
        return http.send(built, HttpResponse.BodyHandlers.ofByteArray());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static <T> T parse(byte[] json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The token answer. */
  record Token(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") Long expiresIn,
      @JsonProperty("errcode") Integer errcode) {}

  /**
   * The create answer.
   *
   * @param ticket the ticket
   * @param expireSeconds the granted lifetime
   * @param url the content URL
   * @param errcode the error, if any
   * @param errmsg its message
   */
  record Created(@JsonProperty("ticket") String ticket, @JsonProperty("expire_seconds") Long expireSeconds,
      @JsonProperty("url") String url, @JsonProperty("errcode") Integer errcode,
      @JsonProperty("errmsg") String errmsg) {}
}
