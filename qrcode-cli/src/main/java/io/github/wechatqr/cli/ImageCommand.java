package io.github.wechatqr.cli;

import io.github.wechatqr.domain.QrImage;
import io.github.wechatqr.domain.Ticket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code qrcode image}: a ticket's image from showqrcode, saved to a file. No credentials needed. */
@Command(name = "image", mixinStandardHelpOptions = true,
    description = "Download the image of a ticket (showqrcode needs no credentials).",
    footer = {"", "Example:", "  qrcode image --ticket 'gQH47joAAAAAAAAAASxodHRw...==' --out code.jpg"})
final class ImageCommand implements Callable<Integer> {
  @Mixin
  WeChatOptions wechat;

  @Option(names = "--ticket", required = true, paramLabel = "T", description = "The ticket, as WeChat returned it.")
  String ticket;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to save the image.")
  Path out;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Ticket parsed = new Ticket(ticket);
    try (Wiring wiring = Wiring.forImages(wechat, Clock.systemUTC())) {
      QrImage image = wiring.download(parsed);
      Files.write(out, image.bytes());
      spec.commandLine().getOut().printf("saved %s (%d bytes, %s)%n", out, image.size(),
          Terminal.text(image.contentType()));
    }
    return ExitCodes.OK;
  }
}
