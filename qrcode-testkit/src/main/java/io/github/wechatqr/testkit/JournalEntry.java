package io.github.wechatqr.testkit;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request {@link FakeWeChatServer} received and what it answered. Journaled when the request arrives,
 * before any injected delay, so a test sees a request still in flight ({@link #inFlight()}); the answer is
 * filled in before it is sent. The accessors give the request as received; {@link #toString()} redacts
 * access tokens and secrets.
 *
 * @param method the HTTP method
 * @param path the path, e.g. {@code /cgi-bin/qrcode/create}
 * @param rawQuery the query exactly as sent (still percent-encoded), or empty
 * @param query the query decoded as a server decodes it ({@code +} becomes a space)
 * @param body the request body as UTF-8
 * @param status the HTTP status answered; 0 when the connection was dropped; {@link #IN_FLIGHT} while the
 *     request is still being answered
 * @param errcode the errcode answered, or {@code null} for a success, a non-JSON answer or no answer yet
 */
public record JournalEntry(String method, String path, String rawQuery, Map<String, String> query,
    String body, int status, @Nullable Integer errcode) {

  /** The {@link #status} of a request that has arrived and is not answered yet. */
  public static final int IN_FLIGHT = -1;

  /** Copies the query map. */
  public JournalEntry {
    query = Map.copyOf(query);
  }

  /**
   * Tells whether the request is still being answered (a delayed answer, say).
   *
   * @return whether no answer was decided yet
   */
  public boolean inFlight() {
    return status == IN_FLIGHT;
  }

  /** The same request with its answer. */
  JournalEntry answered(int answeredStatus, @Nullable Integer answeredErrcode) {
    return new JournalEntry(method, path, rawQuery, query, body, answeredStatus, answeredErrcode);
  }

  @Override
  public String toString() {
    return method + " " + path + (rawQuery.isEmpty() ? "" : "?" + Redaction.query(rawQuery))
        + (body.isEmpty() ? "" : " " + Redaction.json(body))
        + " -> " + (inFlight() ? "(in flight)" : status + (errcode == null ? "" : " errcode " + errcode));
  }
}
