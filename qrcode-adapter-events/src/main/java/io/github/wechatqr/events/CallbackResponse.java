package io.github.wechatqr.events;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What to answer WeChat: a status and a plain-text body ({@code success}, the {@code echostr}, or the
 * reason a push was refused). Write it with {@link #CONTENT_TYPE}.
 *
 * @param status the HTTP status
 * @param body the body text
 */
public record CallbackResponse(int status, String body) {
  /** The content type of every answer. */
  public static final String CONTENT_TYPE = "text/plain; charset=utf-8";
  /** The body WeChat expects once a push was handled. */
  public static final String SUCCESS = "success";

  /** Checks the status range and the body's presence. */
  public CallbackResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("an HTTP status is in 100..599, was " + status);
    }
    Objects.requireNonNull(body, "body");
  }

  static CallbackResponse success() {
    return new CallbackResponse(200, SUCCESS);
  }

  /** Returns the body in UTF-8. */
  public byte[] bodyBytes() {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  /** Returns whether the status is 2xx. */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
