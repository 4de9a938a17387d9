package io.github.wechatqr.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure {@link FakeWeChatServer} can inject into the next calls of a path.
 *
 * <pre>{@code
 * fake.failNext(FakeWeChatServer.CREATE, Fault.errcode(-1), 2);      // "system busy" twice
 * fake.failNext(FakeWeChatServer.CREATE, Fault.delay(Duration.ofSeconds(3)), 1);
 * fake.failNext(FakeWeChatServer.SHOW_QRCODE, Fault.drop(), 1);
 * }</pre>
 */
public sealed interface Fault {

  /**
   * HTTP 200 with this errcode. {@code 40001} also retires the presented access token server-side.
   *
   * @param errcode the error code
   * @param errmsg the error message
   */
  record Errcode(int errcode, String errmsg) implements Fault {
    /** Checks presence. */
    public Errcode {
      Objects.requireNonNull(errmsg, "errmsg");
    }
  }

  /**
   * This HTTP status with a short text body.
   *
   * @param status e.g. 500, 502, 503
   */
  record Status(int status) implements Fault {}

  /**
   * Answer normally, but only after this much real time (to trip a client's read timeout).
   *
   * @param delay how long to hold the answer
   */
  record Delay(Duration delay) implements Fault {}

  /** Announce a body, send a few bytes of it and close the connection: a dropped connection. */
  record Drop() implements Fault {}

  /**
   * Makes a fault that answers with a WeChat error code.
   *
   * @param errcode the error code; the message is WeChat's usual one for it
   * @return the fault
   */
  static Fault errcode(int errcode) {
    return new Errcode(errcode, ErrorMessages.of(errcode));
  }

  /**
   * Makes a fault that answers with an HTTP status.
   *
   * @param status the HTTP status
   * @return the fault
   */
  static Fault status(int status) {
    return new Status(status);
  }

  /**
   * Makes a fault that holds the answer before it is sent.
   *
   * @param delay how long to hold the answer
   * @return the fault
   */
  static Fault delay(Duration delay) {
    return new Delay(delay);
  }

  /** Returns a dropped connection. */
  static Fault drop() {
    return new Drop();
  }
}
