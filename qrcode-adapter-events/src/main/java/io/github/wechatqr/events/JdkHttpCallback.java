package io.github.wechatqr.events;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Serves a {@link WeChatCallbackHandler} from the JDK's {@link HttpServer}. Reads at most the handler's
 * body limit plus one byte into memory; a longer body is read on and discarded (up to 16 MiB) so the
 * client gets the 413 rather than a reset connection.
 *
 * <p>The JDK server writes headers and body separately; without {@code TCP_NODELAY} each answer waits
 * ~40 ms for the client's delayed ACK. The JDK reads {@code sun.net.httpserver.nodelay} once, when its
 * first server starts: {@link CallbackServer#start} sets it if unset; when you create the server
 * yourself, pass {@code -Dsun.net.httpserver.nodelay=true}.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress(8080), 0);
 * JdkHttpCallback.mount(server, "/wechat", callback);
 * server.start();
 * }</pre>
 */
public final class JdkHttpCallback implements HttpHandler {
  private static final long DRAIN_LIMIT = 16L * 1024 * 1024;
  private final WeChatCallbackHandler handler;

  /** @param handler the handler to serve */
  public JdkHttpCallback(WeChatCallbackHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  /**
   * @param server a server, started or not
   * @param path the callback path, such as {@code /wechat}
   * @param handler the handler to serve there
   * @return the context created
   */
  public static HttpContext mount(HttpServer server, String path, WeChatCallbackHandler handler) {
    return server.createContext(path, new JdkHttpCallback(handler));
  }

  /** Turns on {@code TCP_NODELAY} for JDK servers, unless the JVM was told otherwise. */
  static void preferNoDelay() {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      String method = exchange.getRequestMethod();
      // The JDK server answers 400 itself to a malformed %-escape, so decoding cannot fail here.
      Map<String, String> query = decode(exchange.getRequestURI().getRawQuery());
      byte[] body = exchange.getRequestBody().readNBytes(handler.maxBodyBytes() + 1);
      if (body.length > handler.maxBodyBytes() && !drained(exchange.getRequestBody())) {
        exchange.getResponseHeaders().set("Connection", "close");
      }
      respond(exchange, method, handler.handle(method, query, body));
    } finally {
      exchange.close();
    }
  }

  /** Discards the rest of an oversized body, within a bound, so the connection stays orderly. */
  private static boolean drained(InputStream in) throws IOException {
    byte[] buffer = new byte[8192];
    long left = DRAIN_LIMIT;
    int read;
    while ((read = in.read(buffer)) >= 0) {
      left -= read;
      if (left < 0) {
        return false;
      }
    }
    return true;
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
   * Decodes a raw query string (UTF-8, {@code +} as space); the first of repeated names wins. For any web
   * framework that hands {@link WeChatCallbackHandler#handle} the URL's own parameters: a servlet's
   * parameter map would also read a form-encoded body.
   *
   * @param rawQuery the query as it came, still encoded; {@code null} for none
   * @return the parameters in order
   * @throws IllegalArgumentException on a malformed %-escape
   */
  public static Map<String, String> decode(String rawQuery) {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery == null) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.putIfAbsent(name, value);
    }
    return query;
  }
}
