package io.github.wechatqr.cli;

import io.github.wechatqr.client.WeChatQrCodes;
import io.github.wechatqr.domain.Ticket;
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
    // a link, not a call: nothing is built, no credentials are needed
    spec.commandLine().getOut().println(WeChatQrCodes.imageUrl(wechat.mpBase, new Ticket(ticket)));
    return ExitCodes.OK;
  }
}
