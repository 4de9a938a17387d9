package io.github.wechatqr.testkit;

import com.sun.net.httpserver.HttpServer;
import io.github.wechatqr.domain.QueryParameters;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** A callback endpoint that records what it receives and answers "success". */
final class CallbackRecorder implements AutoCloseable {
  record Received(Map<String, String> query, String body) {
    String field(String name) {
      try {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document xml = factory.newDocumentBuilder()
            .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        return xml.getElementsByTagName(name).getLength() == 0 ? null
            : xml.getElementsByTagName(name).item(0).getTextContent();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  final List<Received> received = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  CallbackRecorder() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/wechat", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(new Received(QueryParameters.decode(exchange.getRequestURI().getRawQuery()), body));
      byte[] answer = "success".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/wechat");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
