package io.github.wechatqr.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code qrcode/create} checked independently of the client: every rule of the protocol answers 40097
 * (missing scene 40053), an omitted {@code expire_seconds} gives 30, re-creating a permanent scene returns
 * its ticket without using quota, and the quota answers 45029.
 */
final class CodeBook {
  static final long DEFAULT_EXPIRE_SECONDS = 30;
  static final long MAX_EXPIRE_SECONDS = 2_592_000;
  private static final String URL_PREFIX = "http://weixin.qq.com/q/";
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final Map<String, FakeCode> byTicket = new ConcurrentHashMap<>();
  private final Map<String, FakeCode> permanent = new ConcurrentHashMap<>();
  private final AtomicLong serial = new AtomicLong();
  private final Clock clock;
  private final int permanentQuota;

  CodeBook(Clock clock, int permanentQuota) {
    this.clock = clock;
    this.permanentQuota = permanentQuota;
  }

  FakeCode create(FakeAccount account, JsonNode body) {
    String action = body.path("action_name").asText("");
    JsonNode scene = body.path("action_info").path("scene");
    return switch (action) {
      case "QR_SCENE" -> temporary(account, action, body, sceneId(scene, Integer.MIN_VALUE, Integer.MAX_VALUE));
      case "QR_STR_SCENE" -> temporary(account, action, body, sceneStr(scene));
      case "QR_LIMIT_SCENE" -> permanent(account, action, sceneId(scene, 1, 100_000));
      case "QR_LIMIT_STR_SCENE" -> permanent(account, action, sceneStr(scene));
      default -> throw ModelError.invalidArgs("action_name \"" + action + "\"");
    };
  }

  FakeCode find(String ticket) {
    return ticket == null ? null : byTicket.get(ticket);
  }

  int permanentCount() {
    return permanent.size();
  }

  private FakeCode temporary(FakeAccount account, String action, JsonNode body, String scene) {
    long expire = DEFAULT_EXPIRE_SECONDS;
    if (body.has("expire_seconds")) {
      JsonNode node = body.get("expire_seconds");
      if (!node.canConvertToLong() || !node.isIntegralNumber()
          || node.asLong() < 1 || node.asLong() > MAX_EXPIRE_SECONDS) {
        throw ModelError.invalidArgs("expire_seconds " + node);
      }
      expire = node.asLong();
    }
    return issue(account, action, scene, expire);
  }

  private FakeCode permanent(FakeAccount account, String action, String scene) {
    String key = account.appId + '|' + action + '|' + scene;
    synchronized (permanent) {
      FakeCode existing = permanent.get(key);
      if (existing != null) {
        return existing;
      }
      if (permanent.size() >= permanentQuota) {
        throw new ModelError(45029);
      }
      FakeCode created = issue(account, action, scene, 0);
      permanent.put(key, created);
      return created;
    }
  }

  private FakeCode issue(FakeAccount account, String action, String scene, long expireSeconds) {
    Instant now = clock.instant();
    String url = URL_PREFIX + randomPath();
    String ticket = TicketCodec.encode(serial.incrementAndGet(), url, now, expireSeconds);
    Instant expiresAt = expireSeconds == 0 ? null : now.plusSeconds(expireSeconds);
    FakeCode code = new FakeCode(ticket, url, account.appId, action, scene, now, expiresAt);
    byTicket.put(ticket, code);
    return code;
  }

  private static String sceneId(JsonNode scene, long min, long max) {
    JsonNode id = scene.get("scene_id");
    if (id == null) {
      throw new ModelError(40053, "invalid action info: scene_id missing");
    }
    if (!id.isIntegralNumber() || !id.canConvertToLong() || id.asLong() == 0
        || id.asLong() < min || id.asLong() > max) {
      throw ModelError.invalidArgs("scene_id " + id);
    }
    return Long.toString(id.asLong());
  }

  private static String sceneStr(JsonNode scene) {
    JsonNode str = scene.get("scene_str");
    if (str == null) {
      throw new ModelError(40053, "invalid action info: scene_str missing");
    }
    String text = str.isTextual() ? str.asText() : "";
    int length = text.codePointCount(0, text.length());
    if (length < 1 || length > 64) {
      throw ModelError.invalidArgs("scene_str length " + length);
    }
    return text;
  }

  private static String randomPath() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder path = new StringBuilder(22);
    for (int i = 0; i < 22; i++) {
      path.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return path.toString();
  }
}
