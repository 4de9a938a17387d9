package io.github.wechatqr.spring;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.context.ApplicationContext;

/** What the shared tests need that Spring Boot 4 keeps elsewhere than Boot 3 (the twin in src/test-boot3). */
final class BootLine {
  /** The health contributor type of this line. */
  static final Class<?> HEALTH_INDICATOR = HealthIndicator.class;
  /** The starter's health auto-configuration for this line. */
  static final Class<?> HEALTH_AUTO_CONFIGURATION = WeChatQrCodeBoot4HealthAutoConfiguration.class;
  /** Micrometer's auto-configuration with a simple registry. */
  static final AutoConfigurations METRICS = AutoConfigurations.of(MetricsAutoConfiguration.class,
      CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class);

  private BootLine() {}

  /** @return what the named health indicator bean answers now */
  static HealthView health(ApplicationContext context, String name) {
    Health health = context.getBean(name, HealthIndicator.class).health();
    return new HealthView(health.getStatus().getCode(), health.getDetails());
  }
}
