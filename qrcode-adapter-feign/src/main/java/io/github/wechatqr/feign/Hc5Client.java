package io.github.wechatqr.feign;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.HttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.ProtocolVersion;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.io.ModalCloseable;

/**
 * The adapter's {@link Client}: one Feign request as one HttpClient 5 classic exchange, and the answer
 * read into memory under a byte cap.
 *
 * <ul>
 *   <li>The HttpClient request is built straight from Feign's: method, target, headers (less
 *       {@code Content-Length}, which HttpClient derives from the entity) and the body bytes as a
 *       {@link ByteArrayEntity}, not copied; plus a fixed {@code Accept} and body type where the request
 *       names none (see {@link WeChatApi}).
 *   <li>Credentials in the query ({@code access_token}, {@code secret}) are replaced by
 *       {@link Redaction#PLACEHOLDER} in the request HttpClient's exec chain sees (and logs); the real target
 *       travels in the context to {@link ExchangeExecutor}, which writes it.
 *   <li>The answer: a {@code Content-Length} above the cap fails at once, before a byte of the body is read;
 *       a body of unknown length fails as soon as it passes the cap. Either failure is an
 *       {@link UpstreamFailure} of kind {@link FailureKind#OVERSIZE} naming the cap. The body is read once,
 *       into one array of its exact size when its length is declared, and handed on as an
 *       {@link InMemoryBody}.
 *   <li>Reading the body to its end returns the connection to the pool; an answer that fails (too large,
 *       past its deadline, cut off) has its connection closed, never pooled.
 * </ul>
 */
final class Hc5Client implements Client {
  private static final int FIRST_CHUNK = 8192;

  private final HttpClient http;
  private final int maxAnswerBytes;
  private final Header accept;
  private final ContentType bodyType;
  private volatile Origin origin;

  /** The scheme and authority of the last URL, parsed once. */
  private record Origin(String prefix, HttpHost host) {}

  /**
   * @param http the pooled client
   * @param maxAnswerBytes the largest body accepted
   * @param accept the {@code Accept} of a request that names none, or {@code null}
   * @param bodyType the {@code Content-Type} of a request body that names none, or {@code null}
   */
  Hc5Client(HttpClient http, int maxAnswerBytes, String accept, ContentType bodyType) {
    this.http = http;
    this.maxAnswerBytes = maxAnswerBytes;
    this.accept = accept == null ? null : new BasicHeader(HttpHeaders.ACCEPT, accept);
    this.bodyType = bodyType;
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    String url = request.url();
    Origin at = origin(url);
    String target = url.length() == at.prefix().length() ? "/" : url.substring(at.prefix().length());
    if (target.charAt(0) != '/') {
      target = "/" + target;
    }
    String shown = Redaction.placeholders(target);
    BasicClassicHttpRequest out = new BasicClassicHttpRequest(request.httpMethod().name(), at.host(), shown);
    for (Map.Entry<String, Collection<String>> header : request.headers().entrySet()) {
      String name = header.getKey();
      if (!"Content-Length".equalsIgnoreCase(name) && !"Transfer-Encoding".equalsIgnoreCase(name)) {
        for (String value : header.getValue()) {
          out.addHeader(name, value);
        }
      }
    }
    if (accept != null && !out.containsHeader(HttpHeaders.ACCEPT)) {
      out.addHeader(accept);
    }
    byte[] body = request.body();
    if (body != null && (body.length > 0 || request.httpMethod().isWithBody())) {
      // HttpClient writes the entity's type unless the request names one
      out.setEntity(new ByteArrayEntity(body, bodyType));
    }
    HttpClientContext context = HttpClientContext.create();
    context.setAttribute(ExchangeExecutor.EXCHANGE, new ExchangeExecutor.Exchange(
        shown == target ? null : target, TimeUnit.MILLISECONDS.toNanos(options.readTimeoutMillis())));

    ClassicHttpResponse answer = http.executeOpen(at.host(), out, context);
    try {
      byte[] bytes = read(answer.getEntity());
      return Response.builder()
          .status(answer.getCode())
          .reason(answer.getReasonPhrase())
          .headers(headers(answer))
          .request(request)
          .protocolVersion(version(answer.getVersion()))
          .body(bytes == null ? null : new InMemoryBody(bytes))
          .build();
    } finally {
      // A body read to its end has already given its connection back to the pool; any other is closed.
      if (answer instanceof ModalCloseable closeable) {
        closeable.close(CloseMode.IMMEDIATE);
      } else {
        answer.close();
      }
    }
  }

  private Origin origin(String url) throws IOException {
    Origin last = origin;
    if (last != null && url.startsWith(last.prefix())
        && (url.length() == last.prefix().length() || endsAuthority(url.charAt(last.prefix().length())))) {
      return last;
    }
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      throw new IOException("not an absolute URL");
    }
    int end = scheme + 3;
    while (end < url.length() && !endsAuthority(url.charAt(end))) {
      end++;
    }
    String prefix = url.substring(0, end);
    try {
      Origin parsed = new Origin(prefix, HttpHost.create(prefix));
      origin = parsed;
      return parsed;
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IOException("invalid request URL"); // not quoted: a URL may hold credentials
    }
  }

  private static boolean endsAuthority(char c) {
    return c == '/' || c == '?' || c == '#';
  }

  /** The body, or {@code null} for an answer without one. */
  private byte[] read(HttpEntity entity) throws IOException {
    if (entity == null) {
      return null;
    }
    long declared = entity.getContentLength();
    if (declared > maxAnswerBytes) {
      throw tooLarge();
    }
    InputStream in = entity.getContent();
    return declared >= 0 ? exactly(in, (int) declared) : upToCap(in);
  }

  private static byte[] exactly(InputStream in, int length) throws IOException {
    byte[] bytes = new byte[length];
    int read = in.readNBytes(bytes, 0, length);
    // The read past the end is what tells the pool that the connection is free again.
    if (read < length || in.read() >= 0) {
      throw new ConnectionClosedException("the answer does not match its Content-Length");
    }
    return bytes;
  }

  private byte[] upToCap(InputStream in) throws IOException {
    byte[] buffer = new byte[Math.min(maxAnswerBytes + 1, FIRST_CHUNK)];
    int size = 0;
    while (true) {
      if (size == buffer.length) {
        if (size > maxAnswerBytes) {
          throw tooLarge();
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min(maxAnswerBytes + 1L, 2L * size));
      }
      int read = in.read(buffer, size, buffer.length - size);
      if (read < 0) {
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
      }
      size += read;
    }
  }

  private UpstreamFailure tooLarge() {
    return new UpstreamFailure(FailureKind.OVERSIZE, "answer larger than " + maxAnswerBytes + " bytes");
  }

  private static Map<String, Collection<String>> headers(ClassicHttpResponse answer) {
    Header[] headers = answer.getHeaders();
    Map<String, Collection<String>> map = new HashMap<>(headers.length * 2);
    for (Header header : headers) {
      map.computeIfAbsent(header.getName(), name -> new ArrayList<>(1)).add(header.getValue());
    }
    return map;
  }

  private static Request.ProtocolVersion version(ProtocolVersion version) {
    return version != null && version.getMajor() == 1 && version.getMinor() == 0
        ? Request.ProtocolVersion.HTTP_1_0
        : Request.ProtocolVersion.HTTP_1_1;
  }
}
