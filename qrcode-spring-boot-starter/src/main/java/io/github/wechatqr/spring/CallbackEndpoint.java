package io.github.wechatqr.spring;

import io.github.wechatqr.events.CallbackResponse;
import io.github.wechatqr.events.JdkHttpCallback;
import io.github.wechatqr.events.WeChatCallbackHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.web.HttpRequestHandler;

/**
 * The callback URL on Spring MVC: passes method, decoded query parameters and the body (at most one byte
 * past the handler's limit, which is enough for it to refuse) to {@link WeChatCallbackHandler}, and writes
 * its status, text and content type back.
 */
final class CallbackEndpoint implements HttpRequestHandler {
  private final WeChatCallbackHandler handler;

  CallbackEndpoint(WeChatCallbackHandler handler) {
    this.handler = handler;
  }

  @Override
  public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Map<String, String> query;
    try {
      query = JdkHttpCallback.decode(request.getQueryString()); // the URL's parameters only, never a form body
    } catch (IllegalArgumentException e) {
      write(response, new CallbackResponse(400, "malformed query string"));
      return;
    }
    byte[] body = request.getInputStream().readNBytes(handler.maxBodyBytes() + 1);
    write(response, handler.handle(request.getMethod(), query, body));
  }

  private static void write(HttpServletResponse response, CallbackResponse answer) throws IOException {
    byte[] bytes = answer.bodyBytes();
    response.setStatus(answer.status());
    response.setContentType(CallbackResponse.CONTENT_TYPE);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
