package io.github.wechatqr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.testkit.FakeWeChatServer;
import io.github.wechatqr.testkit.JournalEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** With {@code --verbose}, the jar logs what it does, and still never a secret or an access token. */
class VerboseIT {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @Test
  void verbose_runs_log_calls_but_no_secret_and_no_token() throws Exception {
    List<String> printed = new ArrayList<>();
    try (FakeWeChatServer fake = FakeWeChatServer.start()) {
      String[] create = FakeWeChat.args(fake, "create", "--verbose", "--temporary", "--scene-id", "7", "--json");
      JarProcess ok = JarProcess.run(LIMIT, create);
      assertThat(ok.exit()).as(ok.err()).isZero();
      printed.add(ok.out() + ok.err());

      fake.failNext(FakeWeChatServer.CREATE, 40001, 1);   // a token refresh, logged
      fake.failNext(FakeWeChatServer.CREATE, -1, 3);      // retries until the attempts run out, logged
      JarProcess busy = JarProcess.run(LIMIT, create);
      assertThat(busy.exit()).isEqualTo(ExitCodes.UPSTREAM_DOWN);
      printed.add(busy.out() + busy.err());

      String[] wrong = FakeWeChat.args(fake, "create", "--verbose", "--permanent", "--scene-id", "7");
      wrong[8] = "wrong-secret-for-the-verbose-test";
      JarProcess refused = JarProcess.run(LIMIT, wrong);
      assertThat(refused.exit()).isEqualTo(ExitCodes.WECHAT_REFUSED);
      printed.add(refused.out() + refused.err());

      List<String> tokens = fake.journal().entries().stream().map(JournalEntry::query)
          .map(query -> query.get("access_token")).filter(Objects::nonNull).distinct().toList();
      assertThat(tokens).isNotEmpty();
      assertThat(String.join("\n", printed))
          .as("verbose output shows the calls").contains("DEBUG", "/cgi-bin/qrcode/create")
          .doesNotContain(fake.secret()).doesNotContain("wrong-secret-for-the-verbose-test")
          .satisfies(all -> assertThat(tokens).allSatisfy(token -> assertThat(all).doesNotContain(token)));
    }
  }
}
