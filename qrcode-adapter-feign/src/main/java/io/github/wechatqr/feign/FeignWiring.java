package io.github.wechatqr.feign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import feign.Feign;
import feign.Logger;
import feign.Request;
import feign.RequestInterceptor;
import feign.Retryer;
import feign.codec.Decoder;
import feign.codec.EncodeException;
import feign.codec.Encoder;
import feign.codec.ErrorDecoder;
import java.lang.reflect.Type;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.core5.http.ContentType;

/**
 * Builds the two Feign clients over one {@link HttpTransport} (HttpClient 5, pooled): {@link WeChatApi}
 * on the api base with JSON answers capped at {@value #MAX_JSON_BYTES} bytes ({@code Accept} and body type
 * {@code application/json}), {@link MpApi} on the mp base with images capped at {@code maxImageBytes};
 * both through {@link Hc5Client}, each at its base through a {@link BaseUrlTarget}.
 *
 * <p>Feign retries nothing ({@link Retryer#NEVER_RETRY}: {@link RetryPolicy} does) and logs through
 * {@link RedactingLogger} at {@code BASIC} (request line and status). Credentials travel where Feign means
 * them: the access token as a parameter of {@link WeChatApi#create}, the appid and secret of the classic
 * token call through a request interceptor, the stable_token body as a body.
 */
final class FeignWiring implements AutoCloseable {
  /** The largest JSON answer accepted: WeChat's are a few hundred bytes. */
  static final int MAX_JSON_BYTES = 16 * 1024;
  private static final byte[] ERRMSG = "\"errmsg\"".getBytes(StandardCharsets.US_ASCII);
  /** What the api calls accept and send: {@code application/json}, no charset parameter. */
  private static final ContentType JSON = ContentType.create("application/json", (java.nio.charset.Charset) null);

  final WeChatApi api;
  final MpApi mp;
  final HttpTransport transport;

  FeignWiring(Settings settings, Duration idleTimeout, Logger.Level logLevel) {
    this.transport = new HttpTransport(settings, idleTimeout);
    Request.Options options = new Request.Options(settings.connectTimeout(), settings.readTimeout(), false);
    ErrorDecoder statusFailure = (method, response) -> new UpstreamFailure(
        response.status() >= 500 ? FailureKind.HTTP_5XX : FailureKind.HTTP_STATUS, "HTTP " + response.status());
    this.api = Feign.builder()
        .client(new Hc5Client(transport.http, MAX_JSON_BYTES, JSON.getMimeType(), JSON))
        .options(options)
        .retryer(Retryer.NEVER_RETRY)
        .requestInterceptor(appCredentials(settings))
        .encoder(jsonBody(WireJson.MAPPER))
        .decoder(nonEmpty(json(WireJson.MAPPER, settings.secret())))
        .errorDecoder(statusFailure)
        .logger(new RedactingLogger(WeChatApi.class))
        .logLevel(logLevel)
        .target(new BaseUrlTarget<>(WeChatApi.class, settings.apiBase()));
    this.mp = Feign.builder()
        .client(new Hc5Client(transport.http, settings.maxImageBytes(), null, null))
        .options(options)
        .retryer(Retryer.NEVER_RETRY)
        .dismiss404() // 404 is an answer here (no such ticket): ImageAnswer maps it
        .decoder((response, type) -> new MpApi.Answer(response))
        .errorDecoder(statusFailure)
        .logger(new RedactingLogger(MpApi.class))
        .logLevel(logLevel)
        .target(new BaseUrlTarget<>(MpApi.class, settings.mpBase()));
  }

  /**
   * Adds {@code appid} and {@code secret} to the query of the classic token call, and to no other. Feign
   * leaves {@code +}, {@code /} and {@code =} of a query value as they are, so the values go in encoded
   * (once, here).
   */
  static RequestInterceptor appCredentials(Settings settings) {
    String appId = URLEncoder.encode(settings.appId(), StandardCharsets.UTF_8);
    String secret = URLEncoder.encode(settings.secret(), StandardCharsets.UTF_8);
    return template -> {
      if (template.methodMetadata() != null && "token".equals(template.methodMetadata().method().getName())) {
        template.query("appid", appId);
        template.query("secret", secret);
      }
    };
  }

  /**
   * The request body as JSON bytes, written by the one shared mapper. (feign-jackson's encoder would build
   * an {@code ObjectWriter} for the body's type on every call; the bodies here are plain records.)
   */
  private static Encoder jsonBody(ObjectMapper mapper) {
    return (body, type, template) -> {
      try {
        template.body(mapper.writeValueAsBytes(body), StandardCharsets.UTF_8);
      } catch (JsonProcessingException e) {
        throw new EncodeException("the request body could not be written as JSON", e);
      }
    };
  }

  /**
   * Jackson straight from the answer's bytes, the very array {@link Hc5Client} read (no reader, no copy),
   * with one {@code ObjectReader} per answer type. An absent or empty body decodes to {@code null};
   * malformed JSON throws Jackson's exception. An answer with an {@code errmsg} has it masked first
   * ({@link Redaction#errmsg}: the secret, the request's access token, any {@code access_token=} or
   * {@code secret=}), because the errmsg ends up in exception messages.
   */
  private static Decoder json(ObjectMapper mapper, String secret) {
    Map<Type, ObjectReader> readers = new ConcurrentHashMap<>();
    return (response, type) -> {
      byte[] body = InMemoryBody.bytes(response.body());
      if (body.length == 0) {
        return null;
      }
      ObjectReader reader = readers.computeIfAbsent(type, t -> mapper.readerFor(mapper.constructType(t)));
      if (!contains(body, ERRMSG)) {
        return reader.readValue(body);
      }
      JsonNode tree = mapper.readTree(body);
      if (tree instanceof ObjectNode answer && answer.get("errmsg") != null && answer.get("errmsg").isTextual()) {
        answer.put("errmsg", Redaction.errmsg(answer.get("errmsg").asText(), secret,
            accessToken(response.request().url())));
      }
      return reader.readValue(tree);
    };
  }

  /** Jackson turns an empty body into {@code null}; for these calls that is a malformed answer. */
  private static Decoder nonEmpty(Decoder json) {
    return (response, type) -> {
      Object decoded = json.decode(response, type);
      if (decoded == null) {
        throw new UpstreamFailure(FailureKind.MALFORMED, "an empty answer");
      }
      return decoded;
    };
  }

  /** The {@code access_token} query value of a URL, decoded, or {@code null}. */
  static String accessToken(String url) {
    int at = url.indexOf("access_token=");
    if (at < 0) {
      return null;
    }
    int start = at + "access_token=".length();
    int end = url.indexOf('&', start);
    return URLDecoder.decode(url.substring(start, end < 0 ? url.length() : end), StandardCharsets.UTF_8);
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** Closes the HTTP client, its pool and its evictor thread. */
  @Override
  public void close() {
    transport.close();
  }
}
