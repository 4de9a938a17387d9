package io.github.wechatqr.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A host with an HttpClient this adapter cannot extend learns it when the gateway is built, and what to set. */
class HttpClientRequirementTest {

  /** Stands for HttpClient 5.5's connection class, which is final. */
  static final class FinalConnection {}

  /** Stands for 5.6's, which is not. */
  static class OpenConnection {}

  @Test
  void a_final_connection_class_fails_naming_the_versions_to_set() {
    assertThatThrownBy(() -> HttpClientRequirement.check(FinalConnection.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(HttpClientRequirement.NEEDED)
        .hasMessageContaining("FinalConnection is final")
        .hasMessageContaining("httpclient5.version=5.6.5").hasMessageContaining("httpcore5.version=5.4.4");
  }

  @Test
  void an_extensible_connection_class_passes_and_so_does_the_http_client_of_this_build() {
    assertThatCode(() -> HttpClientRequirement.check(OpenConnection.class)).doesNotThrowAnyException();
    assertThatCode(HttpClientRequirement::check).doesNotThrowAnyException();
    assertThat(HttpClientRequirement.NEEDED).contains("5.6");
  }
}
