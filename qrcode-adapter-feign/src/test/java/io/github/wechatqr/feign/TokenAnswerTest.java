package io.github.wechatqr.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.CredentialsRejected;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenAnswerTest {
  @Test
  void a_grant_carries_token_and_lifetime_and_neither_shows_the_token() {
    TokenAnswer answer = new TokenAnswer("tok-secret-value", 7200L, null, null);
    TokenAnswer.Grant grant = answer.checked();
    assertThat(grant.value()).isEqualTo("tok-secret-value");
    assertThat(grant.expiresIn()).isEqualTo(Duration.ofHours(2));
    assertThat(answer.toString()).doesNotContain("tok-secret-value").contains("<redacted>");
    assertThat(grant.toString()).doesNotContain("tok-secret-value");
  }

  @Test
  void an_errcode_wins_over_anything_else_and_zero_means_success() {
    assertThatThrownBy(() -> new TokenAnswer(null, null, 40125, "invalid appsecret").checked())
        .isInstanceOfSatisfying(CredentialsRejected.class, e -> assertThat(e.errmsg()).isEqualTo("invalid appsecret"));
    assertThatThrownBy(() -> new TokenAnswer(null, null, 40164, null).checked())
        .isInstanceOfSatisfying(CredentialsRejected.class, e -> assertThat(e.errmsg()).isEmpty());
    assertThat(new TokenAnswer("t", 60L, 0, "ok").checked().value()).isEqualTo("t");
  }

  @Test
  void a_token_without_a_positive_lifetime_is_malformed() {
    assertThatThrownBy(() -> new TokenAnswer("t", null, null, null).checked())
        .isInstanceOfSatisfying(UpstreamFailure.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.MALFORMED));
    assertThatThrownBy(() -> new TokenAnswer("t", 0L, null, null).checked()).isInstanceOf(UpstreamFailure.class);
    assertThatThrownBy(() -> new TokenAnswer(" ", 7200L, null, null).checked()).isInstanceOf(UpstreamFailure.class);
  }
}
