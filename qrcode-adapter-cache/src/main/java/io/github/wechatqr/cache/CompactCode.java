package io.github.wechatqr.cache;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * A {@link QrCode} packed into one byte array, the form {@link CaffeineQrCodeStore} keeps: two objects per
 * code instead of eleven, and a 100-char base64 ticket in 73 bytes. It is its own cache key: equality and
 * hash cover the ticket only, so a probe made from a ticket finds the stored code.
 *
 * <p>Layout: {@code varint(account) text(ticket) text(url) zigzag(sceneId) [text(sceneStr) if sceneId == 0]
 * varint(lifetimeSeconds, 0 = permanent) zigzag(issuedSecond) varint(issuedNano)
 * [varint(expiresSecond - issuedSecond) varint(expiresNano) if temporary]}. The request part, from the
 * scene to the lifetime, and the account are what {@link RequestKey} compares; the account and the ticket
 * are the cache key. The account is the store's number for an {@code AppId} (0: the store's own entries, no
 * account's), one byte for the first 127 accounts: the account is in every key.
 */
final class CompactCode {
  private final byte[] data;
  // Caffeine hashes the key on every lookup: the ticket's bytes are hashed once instead. With the flag
  // below the object grows from 16 to 24 bytes (header, array reference, int, boolean, alignment).
  private final int hash;
  // Set once the request index stops pointing at this code (replaced by a newer code for the request,
  // or removed with it): from then on it may still be found by ticket, but never by request.
  private volatile boolean superseded;

  private CompactCode(byte[] data) {
    this.data = data;
    this.hash = Packed.hash(data, 0, ticketEnd(data));
  }

  static CompactCode of(int account, QrCode code) {
    Packed.Writer out = new Packed.Writer().varint(account).text(code.ticket().value()).text(code.url());
    request(out, code.request());
    out.zigzag(code.issuedAt().getEpochSecond()).varint(code.issuedAt().getNano());
    if (code.expiresAt() != null) {
      out.varint(code.expiresAt().getEpochSecond() - code.issuedAt().getEpochSecond())
          .varint(code.expiresAt().getNano());
    }
    return new CompactCode(out.toArray());
  }

  /** A key that equals the stored code of this account with this ticket. */
  static CompactCode probe(int account, Ticket ticket) {
    return new CompactCode(new Packed.Writer().varint(account).text(ticket.value()).toArray());
  }

  /** A key that equals the {@link #requestKey()} of this account's stored codes for this request. */
  static RequestKey probe(int account, QrCodeRequest request) {
    Packed.Writer out = new Packed.Writer().varint(account).text("").text("");
    return new RequestKey(request(out, request).toArray());
  }

  private static Packed.Writer request(Packed.Writer out, QrCodeRequest request) {
    if (request.scene() instanceof SceneValue.Id id) {
      out.zigzag(id.value()); // never 0: a scene id is non-zero, so 0 marks a string scene
    } else {
      out.zigzag(0).text(request.scene().text());
    }
    return out.varint(request.isPermanent() ? 0 : request.lifetime().toSeconds());
  }

  /** This code's request part, as an index key sharing this code's bytes. */
  RequestKey requestKey() {
    return new RequestKey(data);
  }

  QrCode toCode() {
    Packed.Reader in = new Packed.Reader(data, 0);
    in.varint();
    Ticket ticket = new Ticket(in.text());
    String url = in.text();
    long sceneId = in.zigzag();
    SceneValue scene = sceneId != 0 ? SceneValue.of((int) sceneId) : SceneValue.of(in.text());
    long lifetime = in.varint();
    QrCodeRequest request = lifetime == 0
        ? QrCodeRequest.permanent(scene)
        : QrCodeRequest.temporary(scene, Duration.ofSeconds(lifetime));
    return times(in, request, ticket, url);
  }

  /**
   * The code, for a caller that holds an equal request already (a lookup by request): the scene and
   * lifetime are not decoded and validated again.
   *
   * @param request a request equal to this code's
   */
  QrCode toCode(QrCodeRequest request) {
    Packed.Reader in = new Packed.Reader(data, 0);
    in.varint();
    Ticket ticket = new Ticket(in.text());
    String url = in.text();
    return times(new Packed.Reader(data, RequestKey.requestEnd(data)), request, ticket, url);
  }

  private static QrCode times(Packed.Reader in, QrCodeRequest request, Ticket ticket, String url) {
    long issuedSecond = in.zigzag();
    Instant issuedAt = Instant.ofEpochSecond(issuedSecond, in.varint());
    Instant expiresAt = request.isPermanent() ? null : Instant.ofEpochSecond(issuedSecond + in.varint(), in.varint());
    return new QrCode(request, ticket, url, issuedAt, expiresAt);
  }

  /** Marks this code as no longer the one its request index points at. */
  void supersede() {
    superseded = true;
  }

  /** @return whether the request index has stopped pointing at this code */
  boolean superseded() {
    return superseded;
  }

  /** @return the expiry as epoch nanoseconds (saturating), {@link Long#MAX_VALUE} for a permanent code */
  long expiresAtNanos() {
    Packed.Reader in = new Packed.Reader(data, RequestKey.requestEnd(data));
    long issuedSecond = in.zigzag();
    in.varint();
    if (in.position() == data.length) {
      return Long.MAX_VALUE;
    }
    return CacheRuntime.nanos(Instant.ofEpochSecond(issuedSecond + in.varint(), in.varint()));
  }

  /** @return the account's number in the store */
  int account() {
    return (int) new Packed.Reader(data, 0).varint();
  }

  /** Where the cache key ends: after the account and the ticket. */
  private static int ticketEnd(byte[] bytes) {
    Packed.Reader in = new Packed.Reader(bytes, 0);
    in.varint();
    return in.skipText().position();
  }

  /** @return the packed size in bytes, the array's content */
  int size() {
    return data.length;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof CompactCode that)) {
      return false;
    }
    return this == that
        || hash == that.hash && Arrays.equals(data, 0, ticketEnd(data), that.data, 0, ticketEnd(that.data));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "CompactCode[" + data.length + " bytes]";
  }
}
