package io.github.wechatqr.events;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.github.wechatqr.domain.QueryParameters;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Serves a {@link WeChatCallbackHandler} from a JDK {@link HttpServer} of one's own, at exactly the
 * context's path (the JDK matches contexts by prefix: anything longer is answered 404 here). Reads at most
 * the handler's body limit plus one byte into memory; a body declared or found longer is answered 413
 * and the connection closed, without reading on.
 *
 * <p>The JDK server has no per-request deadline of its own (see {@link CallbackServer}, which does not use
 * it): a slow client holds one of its worker threads. Put it behind a proxy that enforces deadlines, or
 * use {@link CallbackServer} on the open internet.
 *
 * <p>The JDK server writes headers and body separately; without {@code TCP_NODELAY} each answer waits
 * ~40 ms for the client's delayed ACK. The JDK reads {@code sun.net.httpserver.nodelay} once, when the
 * JVM's first server is created, so no code handed a server can still turn it on: pass
 * {@code -Dsun.net.httpserver.nodelay=true} to the JVM.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress(8080), 0);
 * JdkHttpCallback.mount(server, "/wechat", callback);
 * server.start();
 * }</pre>
 */
public final class JdkHttpCallback implements HttpHandler {
  private final WeChatCallbackHandler handler;

  /**
   * Creates a JDK HTTP server handler that serves the callback handler.
   *
   * @param handler the handler to serve
   */
  public JdkHttpCallback(WeChatCallbackHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  /**
   * Mounts the handler at a path of a JDK HTTP server.
   *
   * @param server a server, started or not
   * @param path the callback path, such as {@code /wechat}
   * @param handler the handler to serve there
   * @return the context created
   */
  public static HttpContext mount(HttpServer server, String path, WeChatCallbackHandler handler) {
    return server.createContext(path, new JdkHttpCallback(handler));
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      String method = exchange.getRequestMethod();
      if (!exchange.getHttpContext().getPath().equals(exchange.getRequestURI().getRawPath())) {
        respond(exchange, method, CallbackRequests.NOT_FOUND);
        return;
      }
      // The JDK server answers 400 itself to a malformed %-escape, so decoding cannot fail here.
      Map<String, String> query = decode(exchange.getRequestURI().getRawQuery());
      int max = handler.maxBodyBytes();
      byte[] body = declaredLength(exchange) > max ? null : exchange.getRequestBody().readNBytes(max + 1);
      if (body == null || body.length > max) {
        exchange.getResponseHeaders().set("Connection", "close");
        respond(exchange, method, CallbackPipeline.tooLarge(max));
        return;
      }
      respond(exchange, method, handler.handle(method, query, body));
    } finally {
      exchange.close();
    }
  }

  /** @return the Content-Length sent, or -1 if none or unreadable (the JDK server checks it anyway) */
  private static long declaredLength(HttpExchange exchange) {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    try {
      return length == null ? -1 : Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void respond(HttpExchange exchange, String method, CallbackResponse answer)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", CallbackResponse.CONTENT_TYPE);
    byte[] bytes = answer.bodyBytes();
    boolean noBody = bytes.length == 0 || "HEAD".equals(method);
    exchange.sendResponseHeaders(answer.status(), noBody ? -1 : bytes.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /**
   * Decodes a raw query string as {@link QueryParameters#decode} does (UTF-8, {@code +} as space; the first
   * of repeated names wins). For any web framework that hands {@link WeChatCallbackHandler#handle} the URL's
   * own parameters: a servlet's parameter map would also read a form-encoded body.
   *
   * @param rawQuery the query as it came, still encoded; {@code null} for none
   * @return the parameters in order
   * @throws IllegalArgumentException on a malformed %-escape
   */
  public static Map<String, String> decode(@Nullable String rawQuery) {
    return QueryParameters.decode(rawQuery);
  }
}
