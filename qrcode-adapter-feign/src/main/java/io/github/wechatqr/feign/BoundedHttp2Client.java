package io.github.wechatqr.feign;

import feign.Request;
import feign.Response;
import feign.http2client.Http2Client;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * feign-java11's {@link Http2Client} with a deadline on the whole exchange, body included. The JDK
 * client's request timeout covers only the wait for the response headers, and a body read from
 * {@code ofInputStream} blocks for as long as a stalling server likes. So the body is read into memory by
 * a {@link DeadlineBody} that gives up at connect plus read timeout after the start, which aborts the
 * exchange and closes its connection. The answer is then converted by {@code Http2Client}.
 *
 * <p>The exchange runs through {@link HttpClient#send}, on the calling thread's wait, not
 * {@code sendAsync}: the JDK completes every {@code sendAsync} future through CompletableFuture's default
 * executor, which on a machine with fewer than three cores is a new thread per request.
 */
final class BoundedHttp2Client extends Http2Client {
  // The headers the JDK client refuses to be given, as Http2Client filters them.
  private static final Set<String> RESTRICTED = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

  static {
    RESTRICTED.addAll(Set.of("connection", "content-length", "expect", "host", "upgrade"));
  }

  private final HttpClient jdk;

  BoundedHttp2Client(HttpClient jdk) {
    super(jdk);
    this.jdk = jdk;
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    long deadline = (long) options.connectTimeoutMillis() + options.readTimeoutMillis();
    DeadlineBody body = new DeadlineBody(deadline);
    HttpRequest exchange = exchange(request, options);
    try {
      return buffered(toFeignResponse(request, jdk.send(exchange, body::subscriber)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the answer");
    } catch (IOException e) {
      if (body.expired()) {
        throw new HttpTimeoutException(DeadlineBody.message(deadline));
      }
      throw e;
    } finally {
      body.done();
    }
  }

  private HttpRequest exchange(Request request, Request.Options options) throws IOException {
    HttpRequest.Builder builder;
    try {
      builder = HttpRequest.newBuilder(URI.create(request.url()));
    } catch (IllegalArgumentException e) {
      throw new IOException("invalid request URI"); // the URI may hold credentials: not quoted
    }
    builder.version(jdk.version()).timeout(Duration.ofMillis(options.readTimeoutMillis()))
        .method(request.httpMethod().name(), request.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
    request.headers().forEach((name, values) -> {
      if (!RESTRICTED.contains(name)) {
        values.forEach(value -> builder.header(name, value));
      }
    });
    if (!request.headers().containsKey("Accept")) {
      builder.header("Accept", "*/*");
    }
    return builder.build();
  }

  /** Http2Client keeps the body a stream; it is in memory already, so make it a repeatable byte array. */
  private static Response buffered(Response response) throws IOException {
    if (response.body() == null) {
      return response;
    }
    try (InputStream in = response.body().asInputStream()) {
      return response.toBuilder().body(in.readAllBytes()).build();
    }
  }
}
