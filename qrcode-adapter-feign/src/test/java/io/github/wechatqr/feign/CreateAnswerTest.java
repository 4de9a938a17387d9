package io.github.wechatqr.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.IssuedTicket;
import io.github.wechatqr.domain.QuotaExceeded;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CreateAnswerTest {
  private static final String URL = "http://weixin.qq.com/q/abc";

  @Test
  void the_lifetime_is_the_one_wechat_returned_and_absent_for_permanent_codes() {
    IssuedTicket temporary = new CreateAnswer("gQH+==", 59L, URL, null, null).issued();
    assertThat(temporary.expiresIn()).isEqualTo(Duration.ofSeconds(59));
    assertThat(temporary.ticket().value()).isEqualTo("gQH+==");
    assertThat(new CreateAnswer("gQH+==", null, URL, 0, "ok").issued().expiresIn()).isNull();
  }

  @Test
  void an_errcode_is_mapped() {
    assertThatThrownBy(() -> new CreateAnswer(null, null, null, 45029, "qrcode count out of limit").issued())
        .isInstanceOfSatisfying(QuotaExceeded.class, e -> assertThat(e.permanentCodeLimit()).isTrue());
  }

  @Test
  void an_answer_missing_ticket_or_url_or_with_a_non_positive_lifetime_is_malformed() {
    for (CreateAnswer broken : new CreateAnswer[] {
        new CreateAnswer(null, 60L, URL, null, null),
        new CreateAnswer("", 60L, URL, null, null),
        new CreateAnswer("t", 60L, null, null, null),
        new CreateAnswer("t", 60L, " ", null, null),
        new CreateAnswer("t", 0L, URL, null, null)}) {
      assertThatThrownBy(broken::issued)
          .isInstanceOfSatisfying(UpstreamFailure.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.MALFORMED));
    }
  }
}
