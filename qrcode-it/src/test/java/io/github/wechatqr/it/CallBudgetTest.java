package io.github.wechatqr.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallBudgetTest {
  private final CallBudget budget = new CallBudget(Duration.ofMillis(500), Duration.ofSeconds(1), 3,
      Duration.ofMillis(40), Duration.ofSeconds(2));

  @Test
  void a_call_is_its_attempts_each_bounded_by_connect_plus_read_and_the_waits_between_them() {
    assertThat(budget.perCall()).isEqualTo(Duration.ofMillis(3 * 1500 + 2 * 40));
  }

  @Test
  void an_issue_is_four_calls_and_a_download_one_each_plus_the_slack() {
    assertThat(budget.issue()).isEqualTo(Duration.ofMillis(4 * 4580 + 2000));
    assertThat(budget.download()).isEqualTo(Duration.ofMillis(4580 + 2000));
    assertThat(budget.requestsPerIssue()).isEqualTo(12);
    assertThat(budget.requestsPerDownload()).isEqualTo(3);
  }
}
