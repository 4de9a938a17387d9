package io.github.wechatqr.feign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Feign;
import feign.Logger;
import feign.Request;
import feign.Retryer;
import feign.codec.Decoder;
import feign.codec.EncodeException;
import feign.codec.Encoder;
import feign.slf4j.Slf4jLogger;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;

/**
 * Builds the two Feign clients over one JDK {@link HttpClient} pinned to HTTP/1.1. Below Feign:
 * {@link CredentialsClient} (api base only), then {@link BoundedHttp2Client}, feign-java11's client with a
 * deadline on the whole answer.
 * Feign retries nothing ({@link RetryPolicy} does) and logs at {@code BASIC}: request line and status,
 * never headers or bodies, which would show the stable_token secret and token answers.
 */
final class FeignWiring implements AutoCloseable {
  final WeChatApi api;
  final MpApi mp;
  final CredentialsClient credentials;
  private final HttpClient jdk;

  FeignWiring(Settings settings) {
    this.jdk = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        // Answers are handed on where they are read (the client's selector thread): the subscribers below
        // Feign only collect bytes and never block, and the hop to a worker thread per answer showed in
        // the cold create's throughput on 2 cores (docs/benchmarks.md, what was changed).
        .executor(Runnable::run)
        .build();
    Request.Options options = new Request.Options(settings.connectTimeout(), settings.readTimeout(), false);
    BoundedHttp2Client http = new BoundedHttp2Client(jdk);
    this.credentials = new CredentialsClient(http, settings.appId(), settings.secret());
    this.api = Feign.builder()
        .client(credentials)
        .options(options)
        .retryer(Retryer.NEVER_RETRY)
        .encoder(jsonBody(WireJson.MAPPER))
        .decoder(nonEmpty(json(WireJson.MAPPER)))
        .errorDecoder((method, response) -> new UpstreamFailure(
            response.status() >= 500 ? FailureKind.HTTP_5XX : FailureKind.HTTP_STATUS, "HTTP " + response.status()))
        .logger(new Slf4jLogger(WeChatApi.class))
        .logLevel(Logger.Level.BASIC)
        .target(WeChatApi.class, settings.apiBase());
    this.mp = Feign.builder()
        .client(http)
        .options(options)
        .retryer(Retryer.NEVER_RETRY)
        .logger(new Slf4jLogger(MpApi.class))
        .logLevel(Logger.Level.BASIC)
        .target(MpApi.class, settings.mpBase());
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
   * Jackson straight from the answer's bytes (in memory already): feign-jackson's decoder reads through a
   * {@code Reader}, whose charset decoder allocates an 8 KB buffer for every answer. An absent or empty body
   * decodes to {@code null}; malformed JSON throws Jackson's exception, as feign-jackson's does.
   */
  private static Decoder json(ObjectMapper mapper) {
    return (response, type) -> {
      if (response.body() == null) {
        return null;
      }
      byte[] body;
      try (InputStream in = response.body().asInputStream()) {
        body = in.readAllBytes();
      }
      return body.length == 0 ? null : mapper.readValue(body, mapper.constructType(type));
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

  /** On Java 21+ the JDK client is closeable (it waits for exchanges under way, then stops its threads). */
  @Override
  public void close() {
    if ((Object) jdk instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // nothing left to do: the client is unusable either way
      }
    }
  }
}
