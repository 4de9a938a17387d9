package io.github.wechatqr.feign;

import java.io.IOException;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.HttpResponseInformationCallback;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The last step of HttpClient's exec chain, where a request meets its connection. Two things happen here
 * and nowhere else:
 *
 * <ul>
 *   <li>the connection's deadline is armed ({@link DeadlineConnection#deadline}), so that it bounds the
 *       answer from the first byte written to the last byte read;
 *   <li>the request target with its credentials is put on the request, just for the write. Up the chain
 *       (InternalHttpClient, ProtocolExec, ConnectExec, MainClientExec, which logs
 *       {@code "executing POST /cgi-bin/qrcode/create?access_token=..."} at DEBUG) the request carries
 *       {@link Redaction#PLACEHOLDER} in place of each credential: {@link Hc5Client} builds it so and
 *       keeps the real target in the {@link Exchange} of the context. InternalHttpClient hands the chain a
 *       copy of the request ({@code ClassicRequestBuilder.copy}); that copy, not the caller's, is the one
 *       that reaches this executor, and it is put back to the placeholder target before the executor
 *       returns or throws.
 * </ul>
 */
final class ExchangeExecutor extends HttpRequestExecutor {
  /** The context attribute holding the {@link Exchange}. */
  static final String EXCHANGE = "io.github.wechatqr.feign.exchange";

  /**
   * What {@link Hc5Client} tells the executor about one exchange.
   *
   * @param target the path and query to write, credentials included; {@code null} when the request's own
   *     target holds none
   * @param readTimeoutNanos how long the answer may take, from the first byte written
   */
  record Exchange(String target, long readTimeoutNanos) {
    @Override
    public String toString() {
      return "Exchange[target=" + (target == null ? null : Redaction.text(target)) + ", readTimeoutNanos="
          + readTimeoutNanos + "]";
    }
  }

  @Override
  public ClassicHttpResponse execute(ClassicHttpRequest request, HttpClientConnection connection,
      HttpResponseInformationCallback informationCallback, HttpContext context) throws IOException, HttpException {
    if (!(context.getAttribute(EXCHANGE) instanceof Exchange exchange)) {
      return super.execute(request, connection, informationCallback, context);
    }
    if (connection instanceof DeadlineConnection deadlined) {
      deadlined.deadline(exchange.readTimeoutNanos());
    }
    if (exchange.target() == null) {
      return super.execute(request, connection, informationCallback, context);
    }
    String shown = request.getPath();
    request.setPath(exchange.target());
    try {
      return super.execute(request, connection, informationCallback, context);
    } finally {
      request.setPath(shown);
    }
  }
}
