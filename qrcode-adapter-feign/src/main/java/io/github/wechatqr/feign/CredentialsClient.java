package io.github.wechatqr.feign;

import feign.Client;
import feign.Request;
import feign.Response;
import io.github.wechatqr.domain.AccessToken;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Adds credentials to the URL below Feign, on the way out only: a request marked with
 * {@link #ACCESS_TOKEN} gets {@code access_token} (the token bound to the calling thread by
 * {@link #withToken}), one marked with {@link #APP_CREDENTIALS} gets {@code appid} and {@code secret}.
 * Feign's own request, which its log lines and exceptions quote, never holds them.
 */
final class CredentialsClient implements Client {
  static final String ACCESS_TOKEN = "X-Qrcode-Access-Token";
  static final String APP_CREDENTIALS = "X-Qrcode-App-Credentials";

  private final Client delegate;
  private final String appId;
  private final String secret;
  private final ThreadLocal<String> boundToken = new ThreadLocal<>();

  CredentialsClient(Client delegate, String appId, String secret) {
    this.delegate = delegate;
    this.appId = appId;
    this.secret = secret;
  }

  /** Runs {@code call} with {@code token} bound to this thread for the requests it makes. */
  <T> T withToken(AccessToken token, Supplier<T> call) {
    String outer = boundToken.get();
    boundToken.set(token.value());
    try {
      return call.get();
    } finally {
      if (outer == null) {
        boundToken.remove();
      } else {
        boundToken.set(outer);
      }
    }
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    Map<String, Collection<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(request.headers());
    boolean app = headers.remove(APP_CREDENTIALS) != null;
    boolean token = headers.remove(ACCESS_TOKEN) != null;
    if (!app && !token) {
      return delegate.execute(request, options);
    }
    List<String> secrets = new ArrayList<>(2);
    StringBuilder url = new StringBuilder(request.url().length() + 160).append(request.url());
    if (app) {
      secrets.add(secret);
      param(url, "appid", appId);
      param(url, "secret", secret);
    }
    if (token) {
      String value = boundToken.get();
      if (value == null) {
        throw new IllegalStateException("no access token is bound to this call");
      }
      secrets.add(value);
      param(url, "access_token", value);
    }
    Request signed = Request.create(request.httpMethod(), url.toString(), headers, request.body(),
        request.charset(), request.requestTemplate());
    try {
      return delegate.execute(signed, options).toBuilder().request(request).build();
    } catch (IOException e) {
      throw scrubbed(e, secrets);
    }
  }

  private static void param(StringBuilder url, String name, String value) {
    url.append(url.indexOf("?") < 0 ? '?' : '&').append(name).append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  /** The exception itself, unless it or a cause quotes a credential (say, in a URL): then a bare copy. */
  static IOException scrubbed(IOException e, List<String> secrets) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String text = String.valueOf(t.getMessage());
      for (String secret : secrets) {
        if (text.contains(secret) || text.contains(URLEncoder.encode(secret, StandardCharsets.UTF_8))) {
          return new IOException(e.getClass().getSimpleName() + " (message withheld: it quoted a credential)");
        }
      }
    }
    return e;
  }
}
