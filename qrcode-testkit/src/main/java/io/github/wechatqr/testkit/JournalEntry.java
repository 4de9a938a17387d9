package io.github.wechatqr.testkit;

import java.util.Map;

/**
 * One request {@link FakeWeChatServer} received and what it answered. The accessors give the request as
 * received; {@link #toString()} redacts access tokens and secrets.
 *
 * @param method the HTTP method
 * @param path the path, e.g. {@code /cgi-bin/qrcode/create}
 * @param rawQuery the query exactly as sent (still percent-encoded), or empty
 * @param query the query decoded as a server decodes it ({@code +} becomes a space)
 * @param body the request body as UTF-8
 * @param status the HTTP status answered; 0 when the connection was dropped
 * @param errcode the errcode answered, or {@code null} for a success or a non-JSON answer
 */
public record JournalEntry(String method, String path, String rawQuery, Map<String, String> query,
    String body, int status, Integer errcode) {

  /** Copies the query map. */
  public JournalEntry {
    query = Map.copyOf(query);
  }

  @Override
  public String toString() {
    return method + " " + path + (rawQuery.isEmpty() ? "" : "?" + Redaction.query(rawQuery))
        + (body.isEmpty() ? "" : " " + Redaction.json(body))
        + " -> " + status + (errcode == null ? "" : " errcode " + errcode);
  }
}
