package io.github.wechatqr.spring;

import io.github.wechatqr.spring.WeChatQrCodeHealth.Report;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@link WeChatQrCodeHealth} as Spring Boot 4's health contributor ({@code org.springframework.boot.health.contributor},
 * module spring-boot-health).
 */
final class Boot4HealthIndicator implements HealthIndicator {
  private final WeChatQrCodeHealth health;

  Boot4HealthIndicator(WeChatQrCodeHealth health) {
    this.health = health;
  }

  @Override
  public Health health() {
    Report report = health.report();
    return Health.status(report.status().name()).withDetails(report.details()).build();
  }
}
