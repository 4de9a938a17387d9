package io.github.wechatqr.example.login;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An example host application: a web login by scanning a WeChat QR code. */
@SpringBootApplication
public class LoginApplication {

  /** Used by Spring. */
  LoginApplication() {}

  /**
   * Starts the application.
   *
   * @param args Spring Boot's command-line arguments, e.g. {@code --server.port=8080}
   */
  public static void main(String[] args) {
    SpringApplication.run(LoginApplication.class, args);
  }
}
