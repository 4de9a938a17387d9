package io.github.wechatqr.spring;

import io.github.wechatqr.domain.QrCodeException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * In a servlet web application, answers every {@link QrCodeException} that reaches a controller with an
 * RFC 9457 problem detail (400, 404, 429, 502, 503) instead of a 500, after every exception handler of the
 * application. On by default; {@code wechat.qrcode.problem-details.enabled=false} turns it off.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, ProblemDetail.class})
@ConditionalOnProperty(prefix = WeChatQrCodeProperties.PREFIX, name = {"enabled", "problem-details.enabled"},
    matchIfMissing = true)
public class WeChatQrCodeProblemDetailsAutoConfiguration {

  /** Used by Spring. */
  public WeChatQrCodeProblemDetailsAutoConfiguration() {}

  @Bean
  QrCodeProblemDetails wechatQrCodeProblemDetails() {
    return new QrCodeProblemDetails();
  }
}
