package io.github.wechatqr.cli;

import io.github.wechatqr.domain.Ticket;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code qrcode url}: the showqrcode link of a ticket, encoded once, for a browser. */
@Command(name = "url", mixinStandardHelpOptions = true,
    description = "Print the showqrcode link of a ticket (the ticket URL-encoded once; no token in it).",
    footer = {"", "Example:", "  qrcode url --ticket 'gQH47joAAAAAAAAAASxodHRw...=='"})
final class UrlCommand implements Callable<Integer> {
  @Mixin
  WeChatOptions wechat;

  @Option(names = "--ticket", required = true, paramLabel = "T", description = "The ticket, as WeChat returned it.")
  String ticket;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Ticket parsed = new Ticket(ticket);
    try (Wiring wiring = Wiring.forImages(wechat, Clock.systemUTC())) {
      spec.commandLine().getOut().println(wiring.gateway().imageUrl(parsed));
    }
    return ExitCodes.OK;
  }
}
