package io.github.wechatqr.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.junit.jupiter.api.Test;

/**
 * The requirement the README states for Spring Boot 3.5 and 4.0 hosts: the Feign adapter's connection extends
 * HttpClient's {@code DefaultManagedHttpClientConnection}, which HttpClient 5.5 (what Boot 3.5 and 4.0 manage)
 * declares final; from 5.6 on it is not. With 5.5 every context that builds the gateway fails to start
 * ("cannot inherit from final class"), so each Boot line's module runs on 5.6 or later, as the README asks.
 */
class HttpClientRequirementTest {

  @Test
  void the_http_client_on_the_class_path_is_one_the_feign_adapter_can_extend() {
    assertThat(Modifier.isFinal(DefaultManagedHttpClientConnection.class.getModifiers()))
        .as("HttpClient %s: the Feign adapter needs 5.6 or later (starter README, \"Library versions\")",
            DefaultManagedHttpClientConnection.class.getPackage().getImplementationVersion())
        .isFalse();
  }
}
