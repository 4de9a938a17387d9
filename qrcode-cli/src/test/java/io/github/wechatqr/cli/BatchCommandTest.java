package io.github.wechatqr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.testkit.Fault;
import io.github.wechatqr.testkit.FakeWeChatServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchCommandTest {
  private final FakeWeChatServer fake = FakeWeChatServer.start();
  @TempDir
  Path dir;

  @AfterEach
  void stop() {
    fake.close();
  }

  private Cli batch(Path input, String... rest) {
    return Cli.run(FakeWeChat.concat(FakeWeChat.args(fake, "batch", "--input", input.toString(), "--out",
        dir.resolve("out").toString()), rest));
  }

  @Test
  void a_batch_prints_plain_progress_and_a_summary_and_a_rerun_skips_what_is_done() throws Exception {
    Path input = Files.writeString(dir.resolve("scenes.csv"), "scene,kind\n1\n2\nvip,str\n123,str\n");
    Cli first = batch(input, "--permanent", "--concurrency", "2");
    assertThat(first.exit()).isZero();
    assertThat(first.out()).contains("progress 4/4").contains("done 4, skipped 0, failed 0");
    assertThat(fake.journal().count(FakeWeChatServer.CREATE)).isEqualTo(4);

    Cli again = batch(input, "--permanent");
    assertThat(again.out()).contains("done 0, skipped 4, failed 0");
    assertThat(fake.journal().count(FakeWeChatServer.CREATE)).isEqualTo(4);
  }

  @Test
  void failed_rows_set_the_exit_code_and_are_retried_on_the_next_run() throws Exception {
    Path input = Files.writeString(dir.resolve("scenes.csv"), "a\nb\nc\n");
    fake.failNext(FakeWeChatServer.CREATE, Fault.errcode(45009), 1);
    Cli first = batch(input, "--temporary", "--expire", "1h", "--concurrency", "1");
    assertThat(first.exit()).isEqualTo(ExitCodes.WECHAT_REFUSED);
    assertThat(first.out()).contains("done 2, skipped 0, failed 1");
    Cli second = batch(input, "--temporary", "--expire", "1h");
    assertThat(second.exit()).isZero();
    assertThat(second.out()).contains("done 1, skipped 2, failed 0");
    assertThat(fake.journal().count(FakeWeChatServer.CREATE)).isEqualTo(4);
  }

  @Test
  void a_malformed_input_file_is_invalid_input() throws Exception {
    Path input = Files.writeString(dir.resolve("scenes.csv"), "scene,kind\n1,number\n");
    Cli refused = batch(input);
    assertThat(refused.exit()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(refused.err()).contains("line 2: kind must be str or id");
  }
}
