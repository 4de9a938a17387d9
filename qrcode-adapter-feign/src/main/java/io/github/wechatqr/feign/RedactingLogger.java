package io.github.wechatqr.feign;

import feign.slf4j.Slf4jLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feign's SLF4J logger (DEBUG, logger named after the API interface) with every line masked by
 * {@link Redaction#text} before it is written: the {@code access_token} of create and the {@code appid}
 * / {@code secret} query of the classic token call (request lines, from {@code BASIC} on), the
 * {@code "secret"} of the stable_token body and the {@code "access_token"} of token answers (bodies, at
 * {@code FULL}), and whatever an I/O failure's message quotes. Every Feign level writes through
 * {@link #log}, so no level bypasses the mask.
 */
final class RedactingLogger extends Slf4jLogger {
  private final Logger logger;

  RedactingLogger(Class<?> api) {
    this(LoggerFactory.getLogger(api));
  }

  private RedactingLogger(Logger logger) {
    super(logger);
    this.logger = logger;
  }

  @Override
  protected void log(String configKey, String format, Object... args) {
    if (logger.isDebugEnabled()) {
      logger.debug(Redaction.text(String.format(methodTag(configKey) + format, args)));
    }
  }
}
