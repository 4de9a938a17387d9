package io.github.wechatqr.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code qrcode render}: draws the code of a content url locally; no network. */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = "Draw the QR code of a content url locally as PNG or SVG (no network, no ticket).",
    footer = {"", "Examples:", "  qrcode render --url http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI --out code.png",
        "  qrcode render --url http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI --out code.svg --size 1024"})
final class RenderCommand implements Callable<Integer> {
  @Option(names = "--url", required = true, description = "The content url a create call returned.")
  String url;

  @Option(names = "--out", required = true, paramLabel = "FILE.png|FILE.svg", description = "Output file.")
  Path out;

  @Option(names = "--size", defaultValue = "512", description = "Side in pixels (default: ${DEFAULT-VALUE}).")
  int size;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Renderer.write(url, out, size);
    spec.commandLine().getOut().printf("saved %s%n", out);
    return ExitCodes.OK;
  }
}
