package io.github.wechatqr.feign;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The gateway's HttpClient 5 (classic, blocking) and its connection pool.
 *
 * <ul>
 *   <li><b>Pool:</b> {@code maxConnections} in all and per route (the api and the mp host are two routes),
 *       reused last-in first-out; a connection idle for longer than {@link #VALIDATE_AFTER} is checked before
 *       reuse, one idle for {@code idleTimeout} is closed by HttpClient's evictor thread, and none lives longer
 *       than {@link #TIME_TO_LIVE}. Connections are {@link DeadlineConnection}s.
 *   <li><b>Timeouts:</b> connect and TLS handshake: {@code connectTimeout}; waiting for a pooled connection
 *       ({@code connectionRequestTimeout}): also {@code connectTimeout}; the answer, headers and body:
 *       {@code readTimeout}, as a deadline ({@link DeadlineConnection}), and as the socket timeout of each
 *       read besides.
 *   <li><b>Nothing below Feign retries or follows:</b> automatic retries and redirects off (the adapter's
 *       {@link RetryPolicy} is the only retry), no cookies, no auth cache, no content decompression (a cap
 *       applies to the bytes on the wire), no protocol upgrade, no connection state.
 *   <li>{@link #close()} stops the evictor thread (HttpClient waits up to 1 s for it) and closes every
 *       connection, in use or not; a call that leased its connection just before is not connected again.
 * </ul>
 */
final class HttpTransport implements AutoCloseable {
  static final TimeValue VALIDATE_AFTER = TimeValue.ofSeconds(2);
  static final TimeValue TIME_TO_LIVE = TimeValue.ofMinutes(5);
  static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

  final PoolingHttpClientConnectionManager pool;
  final CloseableHttpClient http;
  private final AtomicBoolean closed = new AtomicBoolean();

  HttpTransport(Settings settings, Duration idleTimeout) {
    Timeout connect = Timeout.of(settings.connectTimeout());
    Timeout read = Timeout.of(settings.readTimeout());
    this.pool = PoolingHttpClientConnectionManagerBuilder.create()
        .setConnectionFactory(DeadlineConnection.factory(closed::get))
        .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.STRICT)
        .setConnPoolPolicy(PoolReusePolicy.LIFO)
        .setMaxConnTotal(settings.maxConnections())
        .setMaxConnPerRoute(settings.maxConnections())
        .setDefaultConnectionConfig(ConnectionConfig.custom()
            .setConnectTimeout(connect)
            .setSocketTimeout(read)
            .setValidateAfterInactivity(VALIDATE_AFTER)
            .setTimeToLive(TIME_TO_LIVE)
            .build())
        .setDefaultTlsConfig(TlsConfig.custom().setHandshakeTimeout(connect).build())
        .build();
    this.http = HttpClients.custom()
        .setConnectionManager(pool)
        .setRequestExecutor(new ExchangeExecutor())
        .setDefaultRequestConfig(RequestConfig.custom()
            .setConnectionRequestTimeout(connect)
            .setResponseTimeout(read)
            .setRedirectsEnabled(false)
            .setExpectContinueEnabled(false)
            .setContentCompressionEnabled(false)
            .setProtocolUpgradeEnabled(false)
            .setAuthenticationEnabled(false)
            .build())
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableAuthCaching()
        .disableContentCompression()
        .disableConnectionState()
        .evictExpiredConnections()
        .evictIdleConnections(TimeValue.of(idleTimeout))
        .build();
  }

  /** @return the pool's totals: leased, available, pending, max */
  PoolStats stats() {
    return pool.getTotalStats();
  }

  @Override
  public void close() {
    closed.set(true); // before the pool closes: see DeadlineConnection#factory
    http.close(CloseMode.IMMEDIATE);
  }
}
