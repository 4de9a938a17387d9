package io.github.wechatqr.feign;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A canned-answer HTTP server on 127.0.0.1 for answers the fake never gives: malformed JSON, HTML where an
 * image belongs. Unknown paths answer 404.
 */
final class StubServer implements AutoCloseable {
  private record Canned(int status, String contentType, byte[] body) {}

  private final HttpServer http;
  private final Map<String, Canned> answers = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  StubServer() {
    try {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    http.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      exchange.getRequestBody().readAllBytes();
      counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      Canned canned = answers.getOrDefault(path, new Canned(404, "text/plain", "no".getBytes(StandardCharsets.UTF_8)));
      exchange.getResponseHeaders().set("Content-Type", canned.contentType());
      exchange.sendResponseHeaders(canned.status(), canned.body().length == 0 ? -1 : canned.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(canned.body());
      }
    });
    http.start();
  }

  StubServer answer(String path, int status, String contentType, String body) {
    answers.put(path, new Canned(status, contentType, body.getBytes(StandardCharsets.UTF_8)));
    return this;
  }

  int count(String path) {
    AtomicInteger count = counts.get(path);
    return count == null ? 0 : count.get();
  }

  URI baseUri() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
