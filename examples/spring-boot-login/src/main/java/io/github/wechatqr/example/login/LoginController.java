package io.github.wechatqr.example.login;

import io.github.wechatqr.client.WeChatQrCodes;
import io.github.wechatqr.domain.QrCode;
import io.github.wechatqr.domain.service.QrCodeService;
import io.github.wechatqr.example.login.LoginSessions.Login;
import java.net.URI;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /login} starts a login and gives its QR code; {@code GET /login/{id}} tells whether it is done. */
@RestController
class LoginController {
  private final QrCodeService qrcodes;
  private final LoginSessions sessions;
  private final URI mpBase;

  LoginController(QrCodeService qrcodes, LoginSessions sessions,
      @Value("${wechat.qrcode.mp-base:https://mp.weixin.qq.com}") URI mpBase) {
    this.qrcodes = qrcodes;
    this.sessions = sessions;
    this.mpBase = mpBase;
  }

  /** What the login page shows: the QR code's image, to scan with WeChat, and where to poll. */
  record Started(String id, String qrcode) {}

  /** What polling shows: {@code waiting}, then {@code logged in as <openId>}. */
  record State(String id, String state) {}

  @PostMapping("/login")
  ResponseEntity<Started> start() {
    Login login = sessions.start();
    QrCode code = qrcodes.temporary(LoginSessions.scene(login), Duration.ofMinutes(5));
    // The showqrcode link needs no access token: the page's <img> loads it straight from WeChat.
    String image = WeChatQrCodes.imageUrl(mpBase, code.ticket());
    return ResponseEntity.created(URI.create("/login/" + login.id())).body(new Started(login.id(), image));
  }

  @GetMapping("/login/{id}")
  ResponseEntity<State> state(@PathVariable String id) {
    return ResponseEntity.of(sessions.find(id).map(login -> new State(login.id(), login.state())));
  }
}
