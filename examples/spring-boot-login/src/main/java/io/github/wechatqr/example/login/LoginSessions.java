package io.github.wechatqr.example.login;

import io.github.wechatqr.domain.SceneValue;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The logins in progress, each known by its id and by the scene of its QR code. In memory for the example;
 * an application keeps them with its HTTP sessions and drops them when the code expires.
 */
@Component
class LoginSessions {
  private static final String PREFIX = "login-";

  /** The state of one login: {@code openId} is null until the user has scanned. */
  record Login(String id, String openId) {
    String state() {
      return openId == null ? "waiting" : "logged in as " + openId;
    }
  }

  private final Map<String, Login> logins = new ConcurrentHashMap<>();

  /** Starts a login; its QR code carries {@link #scene}. */
  Login start() {
    Login login = new Login(UUID.randomUUID().toString(), null);
    logins.put(login.id(), login);
    return login;
  }

  /** The scene of a login's QR code: a string, at most 64 characters. */
  static SceneValue scene(Login login) {
    return SceneValue.of(PREFIX + login.id());
  }

  /** Logs in the user who scanned, if the scene is one of our logins; a repeated scan changes nothing. */
  void scanned(SceneValue.Str scene, String openId) {
    if (scene.value().startsWith(PREFIX)) {
      logins.computeIfPresent(scene.value().substring(PREFIX.length()), (id, login) -> new Login(id, openId));
    }
  }

  Optional<Login> find(String id) {
    return Optional.ofNullable(logins.get(id));
  }
}
