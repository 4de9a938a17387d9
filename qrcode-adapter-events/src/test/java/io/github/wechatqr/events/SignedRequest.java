package io.github.wechatqr.events;

import io.github.wechatqr.testkit.PushCrypto;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A callback request signed like WeChat signs it, for tests that call the handler without HTTP.
 * Encryption comes from the testkit's {@link PushCrypto}, never from the code under test.
 *
 * @param query the query parameters
 * @param body the body
 */
record SignedRequest(Map<String, String> query, byte[] body) {
  /** A made-up callback token; the tests check it never shows up in logs or messages. */
  static final String TOKEN = "tok3nNeverPrinted";
  /** A made-up EncodingAESKey (43 base64 characters). */
  static final String AES_KEY = "s3cr3tAesKeyNeverPrinted0123456789abcdefXYZ";
  /** The appid of the fake server's default account. */
  static final String APP_ID = "wxfake0000000001";
  private static final AtomicLong NONCES = new AtomicLong(1_000_000);

  static SignedRequest plain(Clock clock, String xml) {
    return plain(Long.toString(clock.instant().getEpochSecond()), xml);
  }

  static SignedRequest plain(String timestamp, String xml) {
    Map<String, String> query = base(timestamp);
    query.put("signature", PushCrypto.signature(TOKEN, timestamp, query.get("nonce")));
    return new SignedRequest(query, xml.getBytes(StandardCharsets.UTF_8));
  }

  static SignedRequest safe(Clock clock, String xml) {
    return encrypted(clock, xml, APP_ID, false);
  }

  static SignedRequest safe(Clock clock, String xml, String appId) {
    return encrypted(clock, xml, appId, false);
  }

  static SignedRequest compatible(Clock clock, String xml) {
    return encrypted(clock, xml, APP_ID, true);
  }

  /** Safe mode around a ciphertext made elsewhere, signed with the right token. */
  static SignedRequest safeEncrypt(Clock clock, String encrypt) {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    Map<String, String> query = base(timestamp);
    query.put("encrypt_type", "aes");
    query.put("signature", PushCrypto.signature(TOKEN, timestamp, query.get("nonce")));
    query.put("msg_signature", PushCrypto.signature(TOKEN, timestamp, query.get("nonce"), encrypt));
    String body = "<xml><ToUserName><![CDATA[gh_test]]></ToUserName><Encrypt><![CDATA[" + encrypt
        + "]]></Encrypt></xml>";
    return new SignedRequest(query, body.getBytes(StandardCharsets.UTF_8));
  }

  private static SignedRequest encrypted(Clock clock, String xml, String appId, boolean compatible) {
    String encrypt = new PushCrypto(AES_KEY).encrypt(xml, appId);
    SignedRequest safe = safeEncrypt(clock, encrypt);
    if (!compatible) {
      return safe;
    }
    String body = xml.replace("</xml>", "<Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>");
    return new SignedRequest(safe.query(), body.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> base(String timestamp) {
    Map<String, String> query = new HashMap<>();
    query.put("timestamp", timestamp);
    query.put("nonce", Long.toString(NONCES.incrementAndGet()));
    query.put("openid", "o_user");
    return query;
  }

  /** @return a copy with one query parameter replaced ({@code null} removes it) */
  SignedRequest with(String name, String value) {
    Map<String, String> copy = new HashMap<>(query);
    if (value == null) {
      copy.remove(name);
    } else {
      copy.put(name, value);
    }
    return new SignedRequest(copy, body);
  }

  CallbackResponse postTo(WeChatCallbackHandler handler) {
    return handler.handle("POST", query, body);
  }

  /** A scan push as WeChat writes it, text in CDATA. */
  static String scanXml(String event, String eventKey, String ticket, long createTime, String openId) {
    return "<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[" + openId
        + "]]></FromUserName><CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        + "<Event><![CDATA[" + event + "]]></Event><EventKey><![CDATA[" + eventKey + "]]></EventKey>"
        + (ticket == null ? "" : "<Ticket><![CDATA[" + ticket + "]]></Ticket>") + "</xml>";
  }
}
