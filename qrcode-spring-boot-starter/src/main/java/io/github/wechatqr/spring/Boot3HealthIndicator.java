package io.github.wechatqr.spring;

import io.github.wechatqr.spring.WeChatQrCodeHealth.Report;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** {@link WeChatQrCodeHealth} as Spring Boot 3's health contributor ({@code org.springframework.boot.actuate.health}). */
final class Boot3HealthIndicator implements HealthIndicator {
  private final WeChatQrCodeHealth health;

  Boot3HealthIndicator(WeChatQrCodeHealth health) {
    this.health = health;
  }

  @Override
  public Health health() {
    Report report = health.report();
    return Health.status(report.status().name()).withDetails(report.details()).build();
  }
}
