package io.github.wechatqr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code qrcode batch}: a code and its image per row of a CSV file, resumable through the manifest. */
@Command(name = "batch", mixinStandardHelpOptions = true,
    description = {"Create a code and save its image for every scene of a CSV file.",
        "DIR/manifest.csv gets a line per finished row at once; a re-run skips done rows and retries failed ones."},
    footer = {"", "Input: a 'scene' column (and optionally 'kind' = str|id); a numeric scene is an id unless",
        "the row says str. Without a header the first field is the scene.", "", "Examples:",
        "  qrcode batch --input shops.csv --out codes --permanent",
        "  qrcode batch --input sessions.csv --out codes --temporary --expire 30d --concurrency 16"})
final class BatchCommand implements Callable<Integer> {
  @Mixin
  WeChatOptions wechat;

  @Option(names = "--input", required = true, paramLabel = "scenes.csv", description = "The scenes.")
  Path input;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Images and manifest.csv go here.")
  Path out;

  @Option(names = "--concurrency", defaultValue = "8", description = "Rows in flight (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @ArgGroup(exclusive = true)
  Lifetime lifetime = new Lifetime();

  @Option(names = "--expire", converter = Durations.class, defaultValue = "30d",
      description = "Lifetime of temporary codes (default: ${DEFAULT-VALUE}).")
  Duration expire;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  /** {@code --temporary} (the default) or {@code --permanent}. */
  static final class Lifetime {
    @Option(names = "--temporary", description = "Temporary codes (the default).")
    boolean temporary;

    @Option(names = "--permanent", description = "Permanent codes.")
    boolean permanent;
  }

  @Override
  public Integer call() throws Exception {
    if (lifetime.permanent && spec.commandLine().getParseResult().hasMatchedOption("--expire")) {
      throw new IllegalArgumentException("--expire applies to --temporary codes only");
    }
    List<BatchRow> rows = BatchInput.read(input);
    PrintWriter printer = spec.commandLine().getOut();
    try (Wiring wiring = Wiring.forCreating(wechat, Clock.systemUTC())) {
      BatchEngine engine = new BatchEngine(wiring.service(), out, concurrency, lifetime.permanent ? null : expire);
      Thread onCtrlC = new Thread(() -> engine.stopQuietly(), "qrcode-batch-stop");
      Runtime.getRuntime().addShutdownHook(onCtrlC);
      BatchEngine.Summary summary;
      try (Progress progress = Progress.of(rows.size(), System.console() != null, printer)) {
        summary = engine.run(rows, progress);
      } finally {
        removeHook(onCtrlC);
      }
      printer.printf("done %d, skipped %d, failed %d (manifest: %s)%n", summary.done(), summary.skipped(),
          summary.failed(), out.resolve(Manifest.FILE));
      printer.flush();
      return summary.exitCode();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyExiting) {
      // the JVM is shutting down (Ctrl-C): the hook runs and stops the engine
    }
  }
}
