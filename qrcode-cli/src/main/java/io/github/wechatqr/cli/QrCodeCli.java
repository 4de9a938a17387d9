package io.github.wechatqr.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code qrcode} command. Exit codes: 0 ok, 2 invalid input, 3 WeChat refused, 4 network or upstream
 * unavailable, 1 anything else.
 *
 * <pre>{@code
 * java -jar qrcode.jar demo
 * java -jar qrcode.jar create --temporary --expire 7d --scene-str login-42 --json
 * }</pre>
 */
@Command(name = "qrcode", mixinStandardHelpOptions = true, versionProvider = QrCodeCli.Version.class,
    description = "WeChat Official Account parametric QR codes: create, download, render, batch, receive scans.",
    subcommands = {DemoCommand.class, CreateCommand.class, ImageCommand.class, UrlCommand.class,
        RenderCommand.class, BatchCommand.class, FakeServerCommand.class, EventCommand.class,
        CallbackCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 ok, 2 invalid input, 3 WeChat refused,",
        "            4 network or upstream unavailable.",
        "Credentials: --appid/--secret or the environment WECHAT_APPID/WECHAT_SECRET.",
        "Callback secrets (event, callback): --token/--aes-key or the environment",
        "            WECHAT_CALLBACK_TOKEN/WECHAT_AES_KEY.",
        "Control characters in what WeChat, Redis or a push sent are shown escaped."})
public final class QrCodeCli {

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Log what happens (secrets and access tokens are never printed).")
  void verbose(boolean on) {
    // slf4j-simple reads this when the first logger is created, which is after the options are parsed
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", on ? "debug" : "warn");
  }

  private QrCodeCli() {}

  /**
   * Runs the command and exits the JVM with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command without exiting, printing to standard out and standard error.
   *
   * @param args the command line
   * @return the exit code
   */
  public static int run(String... args) {
    return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    CommandLine cli = new CommandLine(new QrCodeCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(new ExitCodes());
    // Messages quote what WeChat, Redis, a push or the user sent: never printed raw, never with a password.
    cli.setParameterExceptionHandler((failure, args) -> {
      CommandLine command = failure.getCommandLine();
      PrintWriter errors = command.getErr();
      errors.println(printable(failure.getMessage()));
      if (!CommandLine.UnmatchedArgumentException.printSuggestions(failure, errors)) {
        command.usage(errors, command.getColorScheme());
      }
      errors.flush();
      return ExitCodes.of(failure);
    });
    cli.setExecutionExceptionHandler((failure, command, parsed) -> {
      command.getErr().println("qrcode: " + printable(failure.getMessage()));
      if (parsed.matchedOption("--verbose") != null && parsed.matchedOption("--verbose").<Boolean>getValue()) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        command.getErr().print(Terminal.block(Terminal.redacted(trace.toString())));
      }
      command.getErr().flush();
      return ExitCodes.of(failure);
    });
    return cli;
  }

  private static String printable(String message) {
    return Terminal.text(Terminal.redacted(message));
  }

  /** The version the jar was built as. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = QrCodeCli.class.getPackage().getImplementationVersion();
      return new String[] {"qrcode " + (version == null ? "(development build)" : version),
          "Java " + System.getProperty("java.version")};
    }
  }
}
