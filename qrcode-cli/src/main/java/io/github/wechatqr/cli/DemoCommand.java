package io.github.wechatqr.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code qrcode demo}: the whole story, offline, on an embedded fake WeChat. Exit 0 only if every step held. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run the whole story offline, on a fake WeChat started in this process, through the real",
        "adapters: create temporary and permanent codes (id and string scenes), reuse a cached code, download",
        "and decode every image, receive a first and a second scan in safe mode. No network, no account."},
    footer = {"", "Example:", "  qrcode demo --out /tmp/qrcode-demo"})
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "DIR", defaultValue = "qrcode-demo",
      description = "Where the images go (default: ./${DEFAULT-VALUE}).")
  Path out;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    int failed = new Demo(out, spec.commandLine().getOut()).run();
    return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
