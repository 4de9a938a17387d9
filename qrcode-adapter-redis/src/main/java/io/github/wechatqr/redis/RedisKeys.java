package io.github.wechatqr.redis;

import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The key layout of one account under one prefix; {@link RedisStores} documents it. Every key starts with
 * {@code {prefix}:{appid}:}, so accounts and applications sharing a Redis never meet.
 */
record RedisKeys(String prefix, String appId) {
  private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  RedisKeys {
    Objects.requireNonNull(prefix, "prefix");
    if (appId == null || !APP_ID.matcher(appId).matches()) {
      throw new IllegalArgumentException("appId must be 1..64 characters of A-Z a-z 0-9 _ . -");
    }
  }

  /** The same layout for another account. */
  RedisKeys forAppId(String other) {
    return new RedisKeys(prefix, other);
  }

  String token() {
    return base() + "token";
  }

  /** Set by a rejection, deleted by the next stored token: the next fetch, by any instance, is forced. */
  String tokenRejected() {
    return base() + "token:rejected";
  }

  String tokenLock() {
    return base() + "lock:token";
  }

  String request(QrCodeRequest request) {
    return base() + requestPart(request);
  }

  String requestLock(QrCodeRequest request) {
    return base() + "lock:" + requestPart(request);
  }

  String ticket(Ticket ticket) {
    return base() + "ticket:" + ticket.value();
  }

  /**
   * The record of the tickets saved for a request: a sorted set of tickets scored by their expiry, so a
   * code read by ticket can be checked against the request it claims ({@code tickets:req:id:600:42}).
   */
  String ticketsOf(QrCodeRequest request) {
    return base() + "tickets:" + requestPart(request);
  }

  /** A scan session's hash, by its id (a scene string of URL-safe characters and one colon). */
  String session(String id) {
    return base() + "session:" + id;
  }

  /** The channel every change of the account's scan sessions is published on, with the session's id. */
  String sessionChanges() {
    return base() + "session-changes";
  }

  /** What the instances remember of one push (its fingerprint): a claim's owner, or {@code done}. */
  String push(String fingerprint) {
    return base() + "push:" + fingerprint;
  }

  private String base() {
    return prefix + ":" + appId + ":";
  }

  /**
   * {@code req:id:600:42}, {@code req:str:permanent:shop%3A17}: the scene's kind keeps {@code Id(123)} and
   * {@code Str("123")} apart, and URL-encoding a string scene keeps its colons out of the key's structure.
   */
  private static String requestPart(QrCodeRequest request) {
    String lifetime = request.isPermanent() ? "permanent" : Long.toString(request.lifetime().toSeconds());
    String scene = request.scene() instanceof SceneValue.Id id
        ? "id:" + lifetime + ":" + id.value()
        : "str:" + lifetime + ":" + URLEncoder.encode(request.scene().text(), StandardCharsets.UTF_8);
    return "req:" + scene;
  }
}
