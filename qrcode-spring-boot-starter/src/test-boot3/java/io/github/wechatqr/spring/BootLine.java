package io.github.wechatqr.spring;

import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.ApplicationContext;

/** What the shared tests need that Spring Boot 3 keeps elsewhere than Boot 4 (the twin in src/test-boot4). */
final class BootLine {
  /** The health contributor type of this line. */
  static final Class<?> HEALTH_INDICATOR = HealthIndicator.class;
  /** The starter's health auto-configuration for this line. */
  static final Class<?> HEALTH_AUTO_CONFIGURATION = WeChatQrCodeBoot3HealthAutoConfiguration.class;
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
