package io.github.wechatqr.redis;

import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.QrCodeRequest;
import io.github.wechatqr.domain.SceneValue;
import io.github.wechatqr.domain.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A QR code's hash, layout v1, named after WeChat's own fields: {@code v=1}; exactly one of
 * {@code scene_id} (decimal) and {@code scene_str}; {@code expire_seconds} (the requested lifetime; absent
 * for a permanent code); {@code ticket}; {@code url}; {@code issued_at} and {@code expires_at} (ISO-8601;
 * {@code expires_at} absent for a permanent code). A ticket or URL that is not of {@linkplain Shapes WeChat's
 * shape} makes the entry unreadable.
 */
final class QrCodeLayout {
  static final String SCENE_ID = "scene_id";
  static final String SCENE_STR = "scene_str";
  static final String EXPIRE_SECONDS = "expire_seconds";
  static final String TICKET = "ticket";
  static final String URL = "url";
  static final String ISSUED_AT = "issued_at";
  static final String EXPIRES_AT = "expires_at";

  private QrCodeLayout() {
  }

  static Map<String, String> write(QrCode code) {
    Map<String, String> fields = Layout.versioned();
    QrCodeRequest request = code.request();
    if (request.scene() instanceof SceneValue.Id id) {
      fields.put(SCENE_ID, Integer.toString(id.value()));
    } else {
      fields.put(SCENE_STR, request.scene().text());
    }
    if (!request.isPermanent()) {
      fields.put(EXPIRE_SECONDS, Long.toString(request.lifetime().toSeconds()));
      fields.put(EXPIRES_AT, code.expiresAt().toString());
    }
    fields.put(TICKET, code.ticket().value());
    fields.put(URL, code.url());
    fields.put(ISSUED_AT, code.issuedAt().toString());
    return fields;
  }

  static QrCode read(Map<String, String> fields) throws UnreadableEntry {
    Layout.checkVersion(fields);
    QrCodeRequest request = request(fields);
    Instant expiresAt = request.isPermanent() ? null : Layout.instant(fields, EXPIRES_AT);
    QrCode code;
    try {
      code = new QrCode(request, new Ticket(Layout.required(fields, TICKET)), Layout.required(fields, URL),
          Layout.instant(fields, ISSUED_AT), expiresAt);
    } catch (IllegalArgumentException | QrCodeException e) {
      throw new UnreadableEntry("the fields do not make a valid code");
    }
    String misshapen = misshapen(code);
    if (misshapen != null) {
      throw new UnreadableEntry(misshapen);
    }
    return code;
  }

  /** @return null if the code's ticket and URL are of WeChat's shape, otherwise which is not and why */
  static String misshapen(QrCode code) {
    String ticket = Shapes.ticket(code.ticket().value());
    if (ticket != null) {
      return "field 'ticket' " + ticket;
    }
    String url = Shapes.url(code.url());
    return url == null ? null : "field 'url' " + url;
  }

  private static QrCodeRequest request(Map<String, String> fields) throws UnreadableEntry {
    boolean hasId = fields.containsKey(SCENE_ID);
    if (hasId == fields.containsKey(SCENE_STR)) {
      throw new UnreadableEntry("exactly one of 'scene_id' and 'scene_str' must be present");
    }
    Duration lifetime = fields.containsKey(EXPIRE_SECONDS)
        ? Duration.ofSeconds(Layout.number(fields, EXPIRE_SECONDS)) : null;
    try {
      SceneValue scene = hasId
          ? SceneValue.of(Math.toIntExact(Layout.number(fields, SCENE_ID)))
          : SceneValue.of(Layout.required(fields, SCENE_STR));
      return new QrCodeRequest(scene, lifetime);
    } catch (QrCodeException | ArithmeticException e) {
      throw new UnreadableEntry("the scene or lifetime breaks the request rules");
    }
  }
}
