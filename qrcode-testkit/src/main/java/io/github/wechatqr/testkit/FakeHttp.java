package io.github.wechatqr.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.wechatqr.domain.QueryParameters;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** The HTTP face of {@link WeChatModel}: routing, fault injection and the journal. */
final class FakeHttp implements HttpHandler {
  private final WeChatModel model;
  private final FaultPlan faults;
  private final RequestJournal journal;

  FakeHttp(WeChatModel model, FaultPlan faults, RequestJournal journal) {
    this.model = model;
    this.faults = faults;
    this.journal = journal;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    String rawQuery = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> query;
    try {
      query = QueryParameters.decode(rawQuery);
    } catch (IllegalArgumentException malformed) {
      journal.arrived(new JournalEntry(method, path, rawQuery, Map.of(), body, 400, null));
      send(exchange, Reply.status(400, "malformed query"), false);
      return;
    }
    // Journaled on arrival, before any injected delay, so a test can see the request in flight.
    AtomicReference<JournalEntry> entry =
        journal.arrived(new JournalEntry(method, path, rawQuery, query, body, JournalEntry.IN_FLIGHT, null));
    Fault fault = faults.next(path);
    boolean drop = fault instanceof Fault.Drop;
    Reply reply = fault == null || fault instanceof Fault.Delay || drop
        ? answer(method, path, query, body, fault)
        : injected(fault, query);
    entry.updateAndGet(arrived -> arrived.answered(drop ? 0 : reply.status(), reply.errcode()));
    send(exchange, reply, drop);
  }

  private Reply injected(Fault fault, Map<String, String> query) {
    if (fault instanceof Fault.Errcode error) {
      if (error.errcode() == 40001) {
        model.tokens.invalidate(query.get("access_token"));
      }
      return Reply.error(error.errcode(), error.errmsg());
    }
    return Reply.status(((Fault.Status) fault).status(), "injected fault");
  }

  private Reply answer(String method, String path, Map<String, String> query, String body, Fault fault) {
    if (fault instanceof Fault.Delay delay) {
      try {
        Thread.sleep(delay.delay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Reply.status(503, "shutting down");
      }
    }
    try {
      return route(method, path, query, body);
    } catch (ModelError e) {
      return Reply.error(e.errcode, e.errmsg);
    }
  }

  private Reply route(String method, String path, Map<String, String> query, String body) {
    switch (path) {
      case FakeWeChatServer.TOKEN -> {
        TokenBook.Grant grant = model.token(query.get("grant_type"), query.get("appid"), query.get("secret"));
        return token(grant);
      }
      case FakeWeChatServer.STABLE_TOKEN -> {
        requirePost(method);
        JsonNode json = Json.parse(body);
        return token(model.stableToken(json.path("grant_type").asText(null), json.path("appid").asText(null),
            json.path("secret").asText(null), json.path("force_refresh").asBoolean(false)));
      }
      case FakeWeChatServer.CREATE -> {
        requirePost(method);
        FakeCode code = model.create(query.get("access_token"), body);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ticket", code.ticket());
        if (!code.permanent()) {
          fields.put("expire_seconds", code.expiresAt().getEpochSecond() - code.createdAt().getEpochSecond());
        }
        fields.put("url", code.url());
        return Reply.json(fields);
      }
      case FakeWeChatServer.SHOW_QRCODE -> {
        byte[] jpeg = model.image(query.get("ticket"));
        return jpeg == null ? Reply.status(404, "Not Found") : Reply.image(jpeg);
      }
      default -> {
        return Reply.status(404, "Not Found");
      }
    }
  }

  private static Reply token(TokenBook.Grant grant) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("access_token", grant.token());
    fields.put("expires_in", grant.expiresIn());
    return Reply.json(fields);
  }

  private static void requirePost(String method) {
    if (!"POST".equals(method)) {
      throw new ModelError(43002);
    }
  }

  private static void send(HttpExchange exchange, Reply reply, boolean drop) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    reply.headers().forEach(exchange.getResponseHeaders()::set);
    byte[] body = reply.body();
    if (drop) {
      // Promise more than is sent, then fail the handler: the JDK server closes the connection when a
      // handler throws, so the client sees it die in the middle of the answer.
      exchange.sendResponseHeaders(200, body.length + 1024L);
      OutputStream out = exchange.getResponseBody();
      out.write(body, 0, Math.min(8, body.length));
      out.flush();
      throw new IOException("injected fault: connection dropped");
    }
    exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
