package io.github.wechatqr.events;

import io.github.wechatqr.domain.CallbackSignature;
import io.github.wechatqr.domain.InvalidCallback;
import io.github.wechatqr.domain.ScanEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * The parsing and decrypting layer: reads the signed parts of a request, authenticates them, decrypts
 * and parses the push. Whatever the input, it throws nothing but {@link InvalidCallback}.
 */
final class PushDecoder {
  private final String token;
  private final MessageCipher cipher;
  private final PushXmlReader xml;
  private final Clock clock;
  private final Duration maxSkew;

  /**
   * @param token the callback token
   * @param cipher the safe-mode cipher; {@code null} when the account sends plain pushes only
   * @param xml the hardened XML reader
   * @param clock the time the timestamp is checked against
   * @param maxSkew how far the timestamp may be from the clock, either way
   */
  PushDecoder(String token, MessageCipher cipher, PushXmlReader xml, Clock clock, Duration maxSkew) {
    this.token = token;
    this.cipher = cipher;
    this.xml = xml;
    this.clock = clock;
    this.maxSkew = maxSkew;
  }

  /** All three steps at once. */
  Decoded decode(Map<String, String> query, byte[] body) {
    Signed signed = signed(query, body);
    authenticate(signed);
    return read(signed);
  }

  /** The signed parts of a URL verification ({@code GET}); the {@code echostr} is checked present. */
  Signed signedUrl(Map<String, String> query) {
    required(query, "echostr");
    return new Signed(timestamp(query), required(query, "nonce"), required(query, "signature"), null,
        new byte[0]);
  }

  /** The signed parts of a push ({@code POST}): in safe and compatible mode, the Encrypt element too. */
  Signed signed(Map<String, String> query, byte[] body) {
    String timestamp = timestamp(query);
    String nonce = required(query, "nonce");
    boolean encrypted = encrypted(query.get("encrypt_type"));
    if (!encrypted) {
      return new Signed(timestamp, nonce, required(query, "signature"), null, body);
    }
    String msgSignature = required(query, "msg_signature");
    String encrypt = xml.read(body).encrypt();
    if (encrypt == null || encrypt.isEmpty()) {
      throw new InvalidCallback("Encrypt is missing");
    }
    return new Signed(timestamp, nonce, msgSignature, encrypt, body);
  }

  /** Checks the signature, then that the timestamp is within the skew limit either way. */
  void authenticate(Signed signed) {
    if (!CallbackSignature.matches(signed.signature(), signed.parts(token))) {
      throw new InvalidCallback("signature mismatch");
    }
    long skew = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(signed.timestamp()));
    if (skew > maxSkew.toSeconds()) {
      throw new InvalidCallback("stale timestamp: more than " + maxSkew.toSeconds() + " s from now");
    }
  }

  /**
   * Decrypts if need be and parses the push; a scan becomes a {@link ScanEvent}. When an encrypted
   * message's padding, length or appid does not check out, a blank document as long as its XML would be
   * is parsed in its place before it is refused: that refusal then takes the same steps, and the same
   * time, whatever the plaintext holds (no padding oracle, and no oracle of whether garbage parses).
   */
  Decoded read(Signed signed) {
    byte[] bytes = signed.body();
    String cryptoFailure = null;
    if (signed.encrypt() != null) {
      MessageCipher.Opened opened = cipher.open(signed.encrypt());
      bytes = opened.xml();
      cryptoFailure = opened.failure();
    }
    XmlFields fields = null;
    InvalidCallback xmlFailure = null;
    try {
      fields = xml.read(cryptoFailure == null ? bytes : blank(bytes.length));
    } catch (InvalidCallback e) {
      xmlFailure = e;
    }
    if (cryptoFailure != null) {
      throw new InvalidCallback(cryptoFailure);
    }
    if (xmlFailure != null) {
      throw xmlFailure;
    }
    // Each field's length was capped by the reader (PushXmlReader.MAX_*).
    String account = required("ToUserName", fields.toUserName());
    String openId = required("FromUserName", fields.fromUserName());
    String msgType = required("MsgType", fields.msgType());
    String createTime = required("CreateTime", fields.createTime());
    if (!isDigits(createTime)) {
      throw new InvalidCallback("CreateTime is not a number");
    }
    String event = fields.event();
    String eventKey = fields.eventKey();
    String ticket = fields.ticket();
    String msgId = fields.msgId();
    Instant createdAt = Instant.ofEpochSecond(Long.parseLong(createTime));
    CallbackMessage message = new CallbackMessage(account, openId, createdAt, msgType, event, eventKey,
        new String(bytes, StandardCharsets.UTF_8));
    ScanEvent scan = "event".equals(msgType)
        ? ScanEvent.fromPush(event, eventKey, openId, account, ticket, createdAt).orElse(null)
        : null;
    return new Decoded(message, scan, DeliveryKey.of(account, openId, createTime, msgType, event, eventKey, msgId));
  }

  /** @return a well-formed document of {@code length} bytes (at least 6): an empty root and spaces */
  static byte[] blank(int length) {
    byte[] blank = new byte[Math.max(6, length)];
    Arrays.fill(blank, (byte) ' ');
    boolean room = blank.length >= 11;
    byte[] open = (room ? "<xml>" : "<xml/>").getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(open, 0, blank, 0, open.length);
    if (room) {
      System.arraycopy("</xml>".getBytes(StandardCharsets.US_ASCII), 0, blank, blank.length - 6, 6);
    }
    return blank;
  }

  private boolean encrypted(String encryptType) {
    if (encryptType == null || encryptType.isEmpty() || "raw".equals(encryptType)) {
      if (cipher != null) {
        throw new InvalidCallback("this callback accepts encrypted pushes only (encrypt_type=aes)");
      }
      return false;
    }
    if (!"aes".equals(encryptType)) {
      throw new InvalidCallback("unsupported encrypt_type");
    }
    if (cipher == null) {
      throw new InvalidCallback("encrypted push, but no EncodingAESKey is configured");
    }
    return true;
  }

  private static String timestamp(Map<String, String> query) {
    String timestamp = required(query, "timestamp");
    if (!isDigits(timestamp)) {
      throw new InvalidCallback("timestamp is not a number");
    }
    return timestamp;
  }

  private static String required(Map<String, String> query, String name) {
    String value = query.get(name);
    if (value == null || value.isEmpty()) {
      throw new InvalidCallback("missing query parameter: " + name);
    }
    return value;
  }

  private static String required(String name, String value) {
    if (value == null || value.isEmpty()) {
      throw new InvalidCallback(name + " is missing");
    }
    return value;
  }

  /** 1..12 ASCII digits: seconds that fit an {@link Instant} and cannot overflow any arithmetic here. */
  private static boolean isDigits(String text) {
    if (text.isEmpty() || text.length() > 12) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
