package io.github.wechatqr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code qrcode batch}: a code and its image per row of a CSV file, resumable through the manifest. */
@Command(name = "batch", mixinStandardHelpOptions = true,
    description = {"Create a code and save its image for every scene of a CSV file.",
        "DIR/manifest.csv gets a line per finished row at once; a re-run skips done rows and retries failed ones.",
        "A row repeating an earlier row's scene is skipped with a warning."},
    footer = {"", "Input: a 'scene' column (and optionally 'kind' = str|id); a numeric scene is an id unless",
        "the row says str. Without a header the first field is the scene.", "",
        "DIR may be shared: nothing in it is opened through a symbolic link, and",
        "images are written to part files of unpredictable names, then renamed.",
        "DIR must not be a link, must be yours (or root's), and not writable by all",
        "unless it has the sticky bit (as /tmp); a manifest.csv or an image name",
        "that is a link is refused, not replaced (exit code 2).", "", "Examples:",
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
    warn(BatchEngine.plan(rows, lifetime.permanent).duplicates(), spec.commandLine().getErr());
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
      printer.printf("done %d, skipped %d, failed %d, duplicates %d (manifest: %s)%n", summary.done(),
          summary.skipped(), summary.failed(), summary.duplicates().size(),
          Terminal.text(out.resolve(Manifest.FILE).toString()));
      printer.flush();
      return summary.exitCode();
    }
  }

  /** One warning per repeated scene, naming the line that is made and the lines skipped. */
  static void warn(List<BatchEngine.Duplicate> duplicates, PrintWriter err) {
    Map<BatchRow, List<Integer>> repeats = new LinkedHashMap<>();
    for (BatchEngine.Duplicate duplicate : duplicates) {
      repeats.computeIfAbsent(duplicate.first(), first -> new ArrayList<>()).add(duplicate.row().line());
    }
    repeats.forEach((first, lines) -> {
      String shown = lines.size() <= 10 ? join(lines)
          : join(lines.subList(0, 9)) + ", ... " + lines.get(lines.size() - 1);
      err.printf("qrcode: warning: line %d's scene \"%s\" is repeated on %s %s: %s skipped, one code made%n",
          first.line(), Terminal.text(first.scene()), lines.size() == 1 ? "line" : lines.size() + " lines", shown,
          lines.size() == 1 ? "the repeat" : "the repeats");
    });
    err.flush();
  }

  private static String join(List<Integer> lines) {
    return String.join(", ", lines.stream().map(String::valueOf).toList());
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyExiting) {
      // the JVM is shutting down (Ctrl-C): the hook runs and stops the engine
    }
  }
}
