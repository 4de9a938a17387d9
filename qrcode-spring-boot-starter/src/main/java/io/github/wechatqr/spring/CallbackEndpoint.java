package io.github.wechatqr.spring;

import io.github.wechatqr.events.CallbackResponse;
import io.github.wechatqr.events.JdkHttpCallback;
import io.github.wechatqr.events.WeChatCallbackHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.springframework.web.HttpRequestHandler;

/**
 * The callback URL on Spring MVC: passes method, decoded query parameters and the body (at most one byte
 * past the handler's limit, which is enough for it to refuse) to {@link WeChatCallbackHandler}, and writes
 * its status, text and content type back.
 *
 * <p>Two limits hold before the handler runs. A request that declares a {@code Content-Length} above the
 * handler's limit gets the handler's 413 at once, without a byte of its body read. The body must arrive
 * within {@link #BODY_DEADLINE} (WeChat gives up after 5 s): the deadline is checked after every read, and a
 * body still incomplete then is refused with a 408, written like every other refusal. The rest of the body
 * is never read: Tomcat closes the connection after a 408 or 413 without draining it (a {@code Connection:
 * close} set here would make it drain instead). A single read that stalls is bounded by the container's read timeout
 * ({@code server.tomcat.connection-timeout}), which the host sets: see the README.
 */
final class CallbackEndpoint implements HttpRequestHandler {
  /** How long the body of one request may take to arrive. */
  static final Duration BODY_DEADLINE = Duration.ofSeconds(2);

  private final WeChatCallbackHandler handler;
  private final long deadlineNanos;
  private final LongSupplier nanoTime;
  private final byte[] overLimit; // only its length is looked at: one byte past the handler's limit
  private final CallbackResponse tooSlow;

  CallbackEndpoint(WeChatCallbackHandler handler) {
    this(handler, BODY_DEADLINE, System::nanoTime);
  }

  CallbackEndpoint(WeChatCallbackHandler handler, Duration deadline, LongSupplier nanoTime) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.deadlineNanos = deadline.toNanos();
    this.nanoTime = nanoTime;
    this.overLimit = new byte[handler.maxBodyBytes() + 1];
    this.tooSlow = new CallbackResponse(408, "body not received within " + deadline.toMillis() + " ms");
  }

  @Override
  public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
    long start = nanoTime.getAsLong();
    Map<String, String> query;
    try {
      query = JdkHttpCallback.decode(request.getQueryString()); // the URL's parameters only, never a form body
    } catch (IllegalArgumentException e) {
      write(response, new CallbackResponse(400, "malformed query string"));
      return;
    }
    String method = request.getMethod();
    if (request.getContentLengthLong() > handler.maxBodyBytes()) {
      // The handler's own 413, whatever the method, decided on the declared length alone.
      write(response, handler.handle("POST", query, overLimit));
      return;
    }
    byte[] body = read(request.getInputStream(), start);
    write(response, body == null ? tooSlow : handler.handle(method, query, body));
  }

  /** @return at most the handler's limit plus one byte, or {@code null} when the deadline passed first */
  private byte[] read(InputStream in, long start) throws IOException {
    int limit = handler.maxBodyBytes() + 1;
    ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(limit, 8192));
    byte[] buffer = new byte[8192];
    while (body.size() < limit) {
      if (nanoTime.getAsLong() - start > deadlineNanos) {
        return null;
      }
      int read = in.read(buffer, 0, Math.min(buffer.length, limit - body.size()));
      if (read < 0) {
        break;
      }
      body.write(buffer, 0, read);
    }
    if (nanoTime.getAsLong() - start > deadlineNanos) {
      return null; // the last read came too late
    }
    return body.toByteArray();
  }

  private static void write(HttpServletResponse response, CallbackResponse answer) throws IOException {
    byte[] bytes = answer.bodyBytes();
    response.setStatus(answer.status());
    response.setContentType(CallbackResponse.CONTENT_TYPE);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
