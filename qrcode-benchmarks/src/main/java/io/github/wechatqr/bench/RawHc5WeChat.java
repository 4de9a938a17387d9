package io.github.wechatqr.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The transport baseline for the gateway: the same hand-written loop as {@link RawWeChat}, on Apache
 * HttpClient 5's classic (blocking) API, as a developer writes it by hand. One shared client built with
 * {@code HttpClients.custom()} over a {@link PoolingHttpClientConnectionManager} of 32 connections in
 * all and per route (so 16 threads are never queued on the pool), the token fetched once, the create body
 * written as a string, the answer read whole ({@link EntityUtils#toByteArray}) and parsed by one shared
 * {@link ObjectMapper} into the same record as {@link RawWeChat}'s, the errcode checked. No token refresh,
 * no metrics, no redaction; HttpClient's own defaults otherwise (its retry strategy, which never resends a
 * POST, and its check of a connection idle for more than 2 s before it is reused).
 */
final class RawHc5WeChat implements AutoCloseable {
  /** Pool size, in all and per route: above the 16 threads of the widest scenario. */
  static final int MAX_CONNECTIONS = 32;

  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final CloseableHttpClient http;
  private final String base;
  private final String token;

  /** Builds the client and fetches the access token once. */
  RawHc5WeChat(URI base, String appId, String secret) {
    PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
        .setMaxConnTotal(MAX_CONNECTIONS)
        .setMaxConnPerRoute(MAX_CONNECTIONS)
        .setDefaultConnectionConfig(ConnectionConfig.custom()
            .setConnectTimeout(Timeout.ofSeconds(3))
            .setSocketTimeout(Timeout.ofSeconds(5))
            .build())
        .build();
    this.http = HttpClients.custom()
        .setConnectionManager(pool)
        .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(5)).build())
        .build();
    this.base = base.toString();
    RawWeChat.Token answer = parse(send(new HttpGet(this.base + "/cgi-bin/token?grant_type=client_credential&appid="
        + encode(appId) + "&secret=" + encode(secret))), RawWeChat.Token.class);
    if (answer.accessToken() == null) {
      close();
      throw new IllegalStateException("no token: errcode " + answer.errcode());
    }
    this.token = answer.accessToken();
  }

  /** POSTs a create body ({@link RawWeChat#idBody}, {@link RawWeChat#strBody}) and returns the checked answer. */
  RawWeChat.Created create(String body) {
    HttpPost post = new HttpPost(base + "/cgi-bin/qrcode/create?access_token=" + token);
    post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
    RawWeChat.Created created = parse(send(post), RawWeChat.Created.class);
    if (created.errcode() != null && created.errcode() != 0 || created.ticket() == null) {
      throw new IllegalStateException("create failed: errcode " + created.errcode() + " " + created.errmsg());
    }
    return created;
  }

  /** GETs the image of a ticket (URL-encoded once, no token). */
  byte[] image(String ticket) {
    return send(new HttpGet(base + "/cgi-bin/showqrcode?ticket=" + encode(ticket)));
  }

  /** Closes the client and its pool. */
  @Override
  public void close() {
    http.close(CloseMode.GRACEFUL);
  }

  /** One exchange; the whole answer's bytes if it was a 200. */
  private byte[] send(ClassicHttpRequest request) {
    try {
      return http.execute(request, response -> {
        byte[] bytes = EntityUtils.toByteArray(response.getEntity());
        if (response.getCode() != 200) {
          throw new IllegalStateException(request.getPath().split("\\?", 2)[0] + " answered HTTP " + response.getCode());
        }
        return bytes;
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
}
