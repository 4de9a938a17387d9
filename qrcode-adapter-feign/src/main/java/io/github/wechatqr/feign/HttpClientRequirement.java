package io.github.wechatqr.feign;

import java.lang.reflect.Modifier;
import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;

/**
 * The one version requirement of this adapter on Apache HttpClient: 5.6 or later. {@link DeadlineConnection}
 * extends HttpClient's {@code DefaultManagedHttpClientConnection}, which HttpClient 5.5 declares final; on 5.5
 * (what Spring Boot 3.5 and 4.0 manage) the JVM would refuse to load the connection class with a bare "cannot
 * inherit from final class" deep inside the first request. Checked when a gateway is built, before any class
 * that needs it is loaded, so a host learns at start-up what to change.
 */
final class HttpClientRequirement {
  static final String NEEDED = "Apache HttpClient 5.6 or later (httpclient5 5.6.5 with httpcore5 5.4.4)";

  private HttpClientRequirement() {}

  /** @throws IllegalStateException if the HttpClient on the class path is one this adapter cannot extend */
  static void check() {
    check(DefaultManagedHttpClientConnection.class);
  }

  static void check(Class<?> connectionClass) {
    if (Modifier.isFinal(connectionClass.getModifiers())) {
      Package found = connectionClass.getPackage();
      String version = found == null || found.getImplementationVersion() == null ? "an older version"
          : found.getImplementationVersion();
      throw new IllegalStateException("the WeChat gateway needs " + NEEDED + ", but the class path has "
          + version + ", whose " + connectionClass.getSimpleName() + " is final; a Spring Boot 3.5 or 4.0 host"
          + " sets the properties httpclient5.version=5.6.5 and httpcore5.version=5.4.4 (see the README of"
          + " qrcode-spring-boot-starter, \"The one requirement\")");
    }
  }
}
