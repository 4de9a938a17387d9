package io.github.wechatqr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class QrCodeCliTest {

  @Test
  void help_lists_every_command_and_the_exit_codes() {
    Cli help = Cli.run("--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("demo", "create", "image", "url", "render", "batch", "fake-server", "event",
        "callback")
        .contains("Exit codes: 0 ok, 2 invalid input, 3 WeChat refused,", "4 network or upstream unavailable.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "create", "image", "url", "render", "batch", "fake-server", "event", "callback"})
  void every_command_has_help_with_examples(String command) {
    Cli help = Cli.run(command, "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("Usage: qrcode " + command).contains("Example");
  }

  @Test
  void version_names_the_build_and_the_java_version() {
    Cli version = Cli.run("--version");
    assertThat(version.exit()).isZero();
    assertThat(version.out()).startsWith("qrcode ").contains("Java " + System.getProperty("java.version"));
  }

  @Test
  void an_unknown_command_or_option_is_invalid_input() {
    assertThat(Cli.run("frobnicate").exit()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(Cli.run("create", "--nope").exit()).isEqualTo(ExitCodes.INVALID_INPUT);
  }
}
