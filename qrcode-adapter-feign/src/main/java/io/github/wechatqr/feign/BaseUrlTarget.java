package io.github.wechatqr.feign;

import feign.Request;
import feign.RequestTemplate;
import feign.Target;

/**
 * A Feign target at a fixed base URL that turns a resolved template into a request by prefixing the base
 * to the template's path and query, once. Feign's {@code HardCodedTarget} hands the base to
 * {@link RequestTemplate#target}, which parses it again on every call, and builds the URL twice.
 *
 * @param <T> the API interface
 */
final class BaseUrlTarget<T> implements Target<T> {
  private final Class<T> type;
  private final String base;

  /**
   * @param type the API interface
   * @param base scheme, authority and optional path prefix, without a trailing slash
   */
  BaseUrlTarget(Class<T> type, String base) {
    this.type = type;
    this.base = base;
  }

  @Override
  public Class<T> type() {
    return type;
  }

  @Override
  public String name() {
    return base;
  }

  @Override
  public String url() {
    return base;
  }

  @Override
  public Request apply(RequestTemplate input) {
    return Request.create(Request.HttpMethod.valueOf(input.method()), base + input.url(), input.headers(),
        input.body(), input.requestCharset(), input);
  }

  @Override
  public String toString() {
    return "BaseUrlTarget[" + type.getSimpleName() + " at " + base + "]";
  }
}
